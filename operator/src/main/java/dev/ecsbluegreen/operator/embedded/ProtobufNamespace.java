package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the Namespace `kubectl create namespace` sends: kubectl speaks protobuf to built-in types,
 * which the mock server cannot parse (it hung). Only what a namespace carries on creation is read:
 * name, generateName, labels and annotations. The wire format is Kubernetes' envelope ("k8s\0" then
 * a runtime.Unknown whose raw field holds the v1.Namespace) in plain protobuf encoding.
 */
final class ProtobufNamespace {
  static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProtobufNamespace() {}

  /** The namespace as JSON; IllegalArgumentException when the bytes are not one. */
  static ObjectNode decode(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(body, 0, 4, MAGIC, 0, 4)) {
      throw new IllegalArgumentException("not a Kubernetes protobuf message");
    }
    var unknown = ByteBuffer.wrap(body, MAGIC.length, body.length - MAGIC.length);
    byte[] raw = null;
    while (unknown.hasRemaining()) {
      var field = new Field(unknown);
      if (field.number == 2) {
        raw = field.bytes;
      }
    }
    if (raw == null) {
      throw new IllegalArgumentException("the message carries no object");
    }
    var namespace = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
    var metadata = namespace.putObject("metadata");
    var object = ByteBuffer.wrap(raw);
    while (object.hasRemaining()) {
      var field = new Field(object);
      if (field.number == 1) {
        readMetadata(ByteBuffer.wrap(field.bytes), metadata);
      }
    }
    return namespace;
  }

  private static void readMetadata(ByteBuffer in, ObjectNode metadata) {
    while (in.hasRemaining()) {
      var field = new Field(in);
      switch (field.number) {
        case 1 -> metadata.put("name", field.text());
        case 2 -> metadata.put("generateName", field.text());
        case 11 -> readEntry(field.bytes, metadata.with("labels"));
        case 12 -> readEntry(field.bytes, metadata.with("annotations"));
        default -> {}
      }
    }
  }

  private static void readEntry(byte[] entry, ObjectNode map) {
    var in = ByteBuffer.wrap(entry);
    String key = "";
    String value = "";
    while (in.hasRemaining()) {
      var field = new Field(in);
      if (field.number == 1) {
        key = field.text();
      } else if (field.number == 2) {
        value = field.text();
      }
    }
    map.put(key, value);
  }

  /** One protobuf field; varints and fixed-width values are read past, their bytes are null. */
  private static final class Field {
    final int number;
    final byte[] bytes;

    Field(ByteBuffer in) {
      long tag = varint(in);
      number = (int) (tag >>> 3);
      switch ((int) (tag & 7)) {
        case 0 -> {
          varint(in);
          bytes = null;
        }
        case 1 -> {
          skip(in, 8);
          bytes = null;
        }
        case 2 -> {
          bytes = new byte[(int) varint(in)];
          in.get(bytes);
        }
        case 5 -> {
          skip(in, 4);
          bytes = null;
        }
        default ->
            throw new IllegalArgumentException("unsupported protobuf wire type " + (tag & 7));
      }
    }

    String text() {
      return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static void skip(ByteBuffer in, int count) {
      in.position(in.position() + count);
    }

    private static long varint(ByteBuffer in) {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = in.get();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("malformed protobuf varint");
    }
  }
}
