package dev.ecsbluegreen.operator.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A registered revision.
 *
 * @param registerForm the revision in RegisterTaskDefinition request form (read-only fields such as
 *     revision, status and registeredAt removed), ready to be changed and registered again
 */
public record TaskDefinitionDocument(
    String arn, String family, int revision, ObjectNode registerForm, Map<String, String> tags) {}
