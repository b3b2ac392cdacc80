package dev.ecsbluegreen.operator.taskdef;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void keyOrderDoesNotChangeTheHash() throws Exception {
    var a = JSON.readTree("{\"family\":\"web\",\"cpu\":\"256\",\"c\":[{\"y\":1,\"x\":2}]}");
    var b = JSON.readTree("{\"c\":[{\"x\":2,\"y\":1}],\"cpu\":\"256\",\"family\":\"web\"}");

    assertThat(CanonicalJson.of(a))
        .isEqualTo("{\"c\":[{\"x\":2,\"y\":1}],\"cpu\":\"256\",\"family\":\"web\"}");
    assertThat(CanonicalJson.hash(a)).isEqualTo(CanonicalJson.hash(b)).matches("[0-9a-f]{64}");
  }

  @Test
  void nullsAndEmptyListsOrObjectsCountAsAbsent() throws Exception {
    var sparse = JSON.readTree("{\"family\":\"web\",\"c\":[{\"name\":\"app\"}]}");
    var echoed =
        JSON.readTree(
            "{\"family\":\"web\",\"volumes\":[],\"placementConstraints\":[],\"x\":null,"
                + "\"c\":[{\"name\":\"app\",\"mountPoints\":[],\"options\":{}}]}");

    assertThat(CanonicalJson.hash(echoed)).isEqualTo(CanonicalJson.hash(sparse));
  }

  @Test
  void listOrderAndValuesDoChangeTheHash() throws Exception {
    var ab = JSON.readTree("{\"command\":[\"a\",\"b\"]}");
    var ba = JSON.readTree("{\"command\":[\"b\",\"a\"]}");
    var number = JSON.readTree("{\"cpu\":256}");
    var text = JSON.readTree("{\"cpu\":\"256\"}");

    assertThat(CanonicalJson.hash(ab)).isNotEqualTo(CanonicalJson.hash(ba));
    assertThat(CanonicalJson.hash(number)).isNotEqualTo(CanonicalJson.hash(text));
  }
}
