package dev.ecsbluegreen.simulator.world;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a {@link World} from YAML; errors name the file and the offending entry. */
public final class WorldLoader {

  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private WorldLoader() {}

  public static World load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read world file " + file + ": " + e.getMessage());
    }
  }

  public static World read(InputStream in, String source) {
    try {
      byte[] content = in.readAllBytes();
      if (new String(content, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
        return World.empty();
      }
      World world = YAML.readValue(content, World.class);
      return world == null ? World.empty() : world;
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          "%s: unknown field '%s' at %s"
              .formatted(source, e.getPropertyName(), e.getPathReference()));
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      // Say what is wrong (a missing field, a bad value) and where, without Jackson's internals.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String what =
          cause.getMessage() != null && cause != e ? cause.getMessage() : e.getOriginalMessage();
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new IllegalArgumentException(source + ": " + what.split("\n")[0] + where);
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
      throw new IllegalArgumentException(source + ": " + message);
    }
  }
}
