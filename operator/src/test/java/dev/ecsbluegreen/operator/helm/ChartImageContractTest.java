package dev.ecsbluegreen.operator.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The chart and the image agree on what the pod runs: the same repository, non-root user, port and
 * command. Building the image takes minutes (-Pimage, where ContainerImageTest checks the built
 * tar), so every build checks the image's definition in operator/pom.xml instead.
 */
class ChartImageContractTest {
  private static Element jib;

  @BeforeAll
  static void readTheImageDefinition() throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    jib =
        (Element)
            XPathFactory.newInstance()
                .newXPath()
                .evaluate(
                    "//profile[id='image']//plugin[artifactId='jib-maven-plugin']/configuration",
                    pom,
                    XPathConstants.NODE);
    assertThat(jib).as("the image profile's Jib configuration").isNotNull();
  }

  @Test
  void imageUserIsTheUserThePodRunsAs() {
    var runAsUser =
        Chart.renderDefaults()
            .deployment()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getSecurityContext()
            .getRunAsUser();

    assertThat(text("container/user")).isEqualTo(runAsUser + ":" + runAsUser);
  }

  @Test
  void deploymentArgsAreTheImagesDefaultCommand() {
    var container = Chart.renderDefaults().operatorContainer();

    assertThat(container.getArgs()).isEqualTo(List.of(text("container/args")));
    assertThat(text("container/entrypoint")).endsWith("-jar,/app/ecs-bluegreen-operator.jar");
  }

  @Test
  void theChartPullsTheRepositoryTheImageIsBuiltFor() {
    var image = Chart.renderDefaults().operatorContainer().getImage();

    assertThat(image.substring(0, image.lastIndexOf(':')))
        .isEqualTo(text("to/image").substring(0, text("to/image").lastIndexOf(':')));
  }

  @Test
  void theImageExposesTheChartsHttpPort() {
    var port = Chart.renderDefaults().operatorContainer().getPorts().get(0).getContainerPort();

    assertThat(text("container/ports")).isEqualTo(String.valueOf(port));
  }

  private static String text(String path) {
    try {
      return ((String)
              XPathFactory.newInstance().newXPath().evaluate(path, jib, XPathConstants.STRING))
          .trim();
    } catch (javax.xml.xpath.XPathExpressionException e) {
      throw new IllegalArgumentException(path, e);
    }
  }
}
