package dev.ecsbluegreen.operator.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaError;

/**
 * The harness is only worth its tests if it is as strict as Argo CD: a script that works here must
 * not fail there for want of a library or a different shape of {@code obj}.
 */
class ArgoCdLuaTest {

  @Test
  void stringAndMathLibrariesAreMissingAsInArgoCd() {
    var release = json("{\"metadata\": {\"name\": \"checkout-api\"}}");

    assertThatThrownBy(() -> ArgoCdLua.run("return string.upper(obj.metadata.name)", "s", release))
        .isInstanceOf(LuaError.class);
    assertThatThrownBy(() -> ArgoCdLua.run("return math.floor(1.5)", "m", release))
        .isInstanceOf(LuaError.class);
  }

  @Test
  void objIsTheResourceWithArraysIndexedFromOne() {
    var release = json("{\"status\": {\"conditions\": [{\"type\": \"Ready\"}]}}");

    var result = ArgoCdLua.run("return {first = obj.status.conditions[1].type}", "t", release);

    assertThat(result).isEqualTo(json("{\"first\": \"Ready\"}"));
  }

  private static JsonNode json(String text) {
    try {
      return ArgoCdScripts.YAML.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
