package dev.ecsbluegreen.operator.aws;

/** An ECS AppSpec document and the lower-case hex SHA-256 of exactly its UTF-8 bytes. */
public record AppSpec(String content, String sha256) {}
