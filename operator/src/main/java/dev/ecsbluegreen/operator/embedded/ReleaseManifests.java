package dev.ecsbluegreen.operator.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsbluegreen.operator.admission.AdmissionValidator;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads release manifests from files and folders (a folder: its *.yaml and *.yml files, not its
 * subfolders, in name order). Anything unreadable, or that the CRD's admission refuses, is refused
 * with the file and the reason before anything starts, so a typo never leaves half the releases
 * created.
 */
public final class ReleaseManifests {
  private static final String KIND = "EcsBlueGreenRelease";
  private static final String API_VERSION =
      EcsBlueGreenRelease.GROUP + "/" + EcsBlueGreenRelease.VERSION;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final AdmissionValidator ADMISSION = AdmissionValidator.forGeneratedCrd();

  private ReleaseManifests() {}

  public static List<EcsBlueGreenRelease> load(List<Path> paths) {
    return read(paths).stream().map(Manifest::release).toList();
  }

  /** The releases with the name of the file each came from, as a user would apply it. */
  static List<Manifest> read(List<Path> paths) {
    var manifests = new ArrayList<Manifest>();
    for (var path : paths) {
      for (var file : filesIn(path)) {
        var fileName = file.getFileName().toString();
        parse(file).forEach(release -> manifests.add(new Manifest(fileName, release)));
      }
    }
    return manifests;
  }

  /** A release and the name of its manifest file. */
  record Manifest(String fileName, EcsBlueGreenRelease release) {}

  private static List<Path> filesIn(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (!Files.isDirectory(path)) {
      throw new ManifestException(path + ": no such file or folder");
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException e) {
      throw new ManifestException(path + ": cannot list the folder: " + e.getMessage());
    }
  }

  private static List<EcsBlueGreenRelease> parse(Path file) {
    List<JsonNode> documents;
    try (InputStream in = Files.newInputStream(file);
        MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(in)) {
      documents = iterator.readAll();
    } catch (IOException | RuntimeException e) {
      throw new ManifestException(file + ": not valid YAML: " + ManifestProblem.ofYaml(e));
    }
    var releases = new ArrayList<EcsBlueGreenRelease>();
    for (var document : documents) {
      if (document == null || document.isNull() || document.isEmpty()) {
        continue;
      }
      releases.add(release(file, document));
    }
    if (releases.isEmpty()) {
      throw new ManifestException(file + ": holds no EcsBlueGreenRelease");
    }
    return releases;
  }

  private static EcsBlueGreenRelease release(Path file, JsonNode document) {
    var kind = document.path("kind").asText();
    var apiVersion = document.path("apiVersion").asText();
    if (!KIND.equals(kind) || !API_VERSION.equals(apiVersion)) {
      throw new ManifestException(
          file
              + ": holds apiVersion '"
              + apiVersion
              + "' kind '"
              + kind
              + "'; only "
              + API_VERSION
              + " "
              + KIND
              + " manifests are applied");
    }
    var errors = ADMISSION.admit((ObjectNode) document).errors();
    if (!errors.isEmpty()) {
      // kubectl's words for the same refusal, on one line.
      throw new ManifestException(
          "%s: The %s \"%s\" is invalid: %s"
              .formatted(
                  file,
                  KIND,
                  document.path("metadata").path("name").asText(),
                  String.join("; ", errors)));
    }
    try {
      return Serialization.jsonMapper().convertValue(document, EcsBlueGreenRelease.class);
    } catch (IllegalArgumentException e) {
      throw new ManifestException(
          file + ": not a valid " + KIND + ": " + ManifestProblem.ofRelease(e));
    }
  }

  /** A manifest that cannot be applied; the message names the file. */
  public static final class ManifestException extends RuntimeException {
    public ManifestException(String message) {
      super(message);
    }
  }
}
