package dev.ecsbluegreen.operator.chaos;

import dev.ecsbluegreen.operator.chaos.Defect.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a chaos run did and what its audit found, printed as a table to paste into
 * docs/reliability.md.
 *
 * @param settings what was asked
 * @param generations spec generations the releases went through (a change in flight adds one)
 * @param kills SIGKILLs sent to operator processes
 * @param inFlightAtKills releases created and not yet ended at each kill, added up
 * @param unexpectedExits operator processes that ended without being killed (restarted too)
 * @param meanStartup mean time from a process start to its first ready answer
 * @param duration from the first release applied until every release had ended
 * @param awsCalls calls the operator processes made, faulted ones included
 * @param errorAnswers those answered with an error, by error code (injected faults among them)
 * @param deploymentsCreated CreateDeployment calls AWS accepted
 * @param revisionsRegistered RegisterTaskDefinition calls AWS accepted
 * @param deploymentsFound the releases' deployments the audit found in AWS
 * @param revisionsFound the releases' task definition revisions the audit found in AWS
 * @param defects everything the audit found wrong
 */
record ChaosFigures(
    ChaosSettings settings,
    int generations,
    int kills,
    long inFlightAtKills,
    int unexpectedExits,
    Duration meanStartup,
    Duration duration,
    long awsCalls,
    Map<String, Long> errorAnswers,
    long deploymentsCreated,
    long revisionsRegistered,
    int deploymentsFound,
    int revisionsFound,
    List<Defect> defects) {

  long count(Kind kind) {
    return defects.stream().filter(d -> d.kind() == kind).count();
  }

  String table() {
    var rows =
        List.of(
            row("run", settings.describe()),
            row("releases", settings.releases() + " (" + generations + " generations)"),
            row("kills (SIGKILL)", String.valueOf(kills)),
            row("releases in flight at the kills (sum)", String.valueOf(inFlightAtKills)),
            row("unexpected operator exits", String.valueOf(unexpectedExits)),
            row("mean operator start-up", seconds(meanStartup)),
            row("duration", seconds(duration)),
            row("AWS calls by the operator", String.valueOf(awsCalls)),
            row("AWS calls per release", "%.1f".formatted((double) awsCalls / settings.releases())),
            row("calls answered with an error", errors()),
            row("deployments created / found", deploymentsCreated + " / " + deploymentsFound),
            row("revisions registered / found", revisionsRegistered + " / " + revisionsFound),
            row("duplicate deployments", String.valueOf(count(Kind.DUPLICATE_DEPLOYMENT))),
            row("duplicate revisions", String.valueOf(count(Kind.DUPLICATE_REVISION))),
            row("wrong final phases", String.valueOf(count(Kind.WRONG_PHASE))),
            row("unfinished at the timeout", String.valueOf(count(Kind.UNFINISHED))),
            row("status/AWS mismatches", String.valueOf(count(Kind.STATUS_MISMATCH))));
    var out = new StringBuilder("| Figure | Value |\n|---|---|\n");
    rows.forEach(r -> out.append("| ").append(r[0]).append(" | ").append(r[1]).append(" |\n"));
    defects.forEach(d -> out.append("\n").append(d));
    return out.toString();
  }

  private String errors() {
    long total = errorAnswers.values().stream().mapToLong(Long::longValue).sum();
    return errorAnswers.isEmpty() ? "0" : total + " " + errorAnswers;
  }

  private static String[] row(String name, String value) {
    return new String[] {name, value};
  }

  private static String seconds(Duration duration) {
    return "%.1f s".formatted(duration.toMillis() / 1000.0);
  }
}
