package dev.ecsbluegreen.operator.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RunInstructionsTest {

  @Test
  void printsARunCommandWithThisProcesssKubeconfigEndpointAndRegion() {
    var text =
        RunInstructions.text(
            Path.of("/home/me/embedded.kubeconfig"),
            URI.create("http://127.0.0.1:4566"),
            "us-east-1",
            "operator/target/ecs-bluegreen-operator.jar");

    assertThat(text.lines())
        .contains(
            "  export AWS_ACCESS_KEY_ID=embedded AWS_SECRET_ACCESS_KEY=embedded   # any key works"
                + " with the simulator",
            "  java -jar operator/target/ecs-bluegreen-operator.jar run --kubeconfig"
                + " /home/me/embedded.kubeconfig --aws-endpoint http://127.0.0.1:4566 --region"
                + " us-east-1 --poll-active 1 --poll-idle 1 --http-port 0",
            "  export KUBECONFIG=/home/me/embedded.kubeconfig",
            "  aws --endpoint-url http://127.0.0.1:4566 --region us-east-1 deploy list-deployments");
  }

  @Test
  void quotesPathsAShellWouldSplit() {
    var text =
        RunInstructions.text(
            Path.of("/Users/me/My Projects/embedded.kubeconfig"),
            URI.create("http://127.0.0.1:4566"),
            "us-east-1",
            "/Users/me/it's here/ecs-bluegreen-operator.jar");

    assertThat(text)
        .contains("java -jar '/Users/me/it'\\''s here/ecs-bluegreen-operator.jar' run")
        .contains("--kubeconfig '/Users/me/My Projects/embedded.kubeconfig' --aws-endpoint")
        .contains("export KUBECONFIG='/Users/me/My Projects/embedded.kubeconfig'");
  }

  @Test
  void namesTheJarByItsUsualNameWhenTheClassesComeFromAFolder() {
    assertThat(RunInstructions.currentJar()).isEqualTo("ecs-bluegreen-operator.jar");
  }
}
