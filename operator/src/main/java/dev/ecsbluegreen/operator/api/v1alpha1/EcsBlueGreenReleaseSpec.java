package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * What a release deploys, where, and which engine moves traffic to it: CodeDeploy ({@code
 * codeDeploy}) or ECS's own deployments ({@code ecs}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.codeDeploy) != has(self.ecs)",
    message =
        "set exactly one of codeDeploy (a CodeDeploy blue/green deployment) and ecs (an ECS"
            + " native deployment)")
@ValidationRule(
    value = "!has(self.ecs) || !has(self.hooks) || size(self.hooks) == 0",
    fieldPath = ".hooks",
    message = "hooks are CodeDeploy's lifecycle hooks; with ecs, list them in ecs.hooks")
@ValidationRule(
    value = "!has(self.ecs) || !has(self.rollback)",
    fieldPath = ".rollback",
    message =
        "rollback configures CodeDeploy's auto-rollback; with ecs, a failed hook always rolls"
            + " back and alarms go in ecs.alarms")
@ValidationRule(
    value =
        "!(has(self.promotion) && has(self.promotion.mode) && self.promotion.mode == 'Manual'"
            + " && has(self.codeDeploy) && has(self.codeDeploy.create) && (!has(self.codeDeploy.create.readyOption)"
            + " || self.codeDeploy.create.readyOption.actionOnTimeout != 'STOP_DEPLOYMENT'))",
    message =
        "promotion.mode Manual needs codeDeploy.create.readyOption.actionOnTimeout STOP_DEPLOYMENT"
            + " (with waitMinutes), otherwise CodeDeploy shifts production traffic without waiting")
// The hook rules sit on the spec with a fieldPath, not on the hooks component: the generator
// copies a record component's rules from both the field and the accessor, listing each twice.
@ValidationRule(
    value =
        "!has(self.hooks) || self.hooks.all(k, k in ['beforeInstall', 'afterInstall',"
            + " 'afterAllowTestTraffic', 'beforeAllowTraffic', 'afterAllowTraffic'])",
    fieldPath = ".hooks",
    message =
        "only the ECS lifecycle events beforeInstall, afterInstall, afterAllowTestTraffic,"
            + " beforeAllowTraffic and afterAllowTraffic take a hook")
@ValidationRule(
    value =
        "!has(self.hooks) || self.hooks.all(k, self.hooks[k].matches('"
            + Patterns.LAMBDA_FUNCTION
            + "'))",
    fieldPath = ".hooks",
    message =
        "each hook must be a Lambda function name (1-64 letters, digits, - or _) or a"
            + " function ARN arn:aws:lambda:<region>:<account>:function:<name>")
@ValidationRule(
    value =
        "!has(self.analysis) || self.analysis.all(c, self.analysis.exists_one(d, d.name =="
            + " c.name))",
    fieldPath = ".analysis",
    message = "analysis check names must be unique")
@ValidationRule(
    value =
        "!(has(self.ecs) && has(self.analysis) && self.analysis.exists(c,"
            + " has(c.promoteOnSuccess) && c.promoteOnSuccess))",
    fieldPath = ".analysis",
    message =
        "promoteOnSuccess is not available with spec.ecs: ECS has no call to end a service"
            + " deployment's bake time early, so the old revision is kept for all of"
            + " ecs.bakeTimeMinutes whatever the Baking checks say")
@ValidationRule(
    value =
        "!(has(self.ecs) && has(self.analysis) && self.analysis.exists(c, has(c.phase) &&"
            + " c.phase == 'ShiftingTraffic') && (!has(self.ecs.strategy) || self.ecs.strategy"
            + " == 'BlueGreen'))",
    fieldPath = ".analysis",
    message =
        "ShiftingTraffic analysis checks need ecs.strategy Linear or Canary: BlueGreen moves all"
            + " production traffic in one step, leaving no shift to check (Baking checks run"
            + " after it)")
@ValidationRule(
    value =
        "!(has(self.ecs) && has(self.analysis) && self.analysis.exists(c, has(c.phase) &&"
            + " c.phase == 'Baking') && (!has(self.ecs.bakeTimeMinutes) ||"
            + " self.ecs.bakeTimeMinutes == 0))",
    fieldPath = ".ecs.bakeTimeMinutes",
    message =
        "Baking analysis checks need ecs.bakeTimeMinutes above 0: they run during ECS's bake"
            + " time, while the old revision is kept for rollback, and without one ECS removes"
            + " it at once")
@ValidationRule(
    value =
        "!(has(self.analysis) && self.analysis.exists(c, !has(c.phase) || c.phase =="
            + " 'TestTraffic') && has(self.codeDeploy)"
            + " && has(self.codeDeploy.create) && (!has(self.codeDeploy.create.readyOption)"
            + " || self.codeDeploy.create.readyOption.actionOnTimeout != 'STOP_DEPLOYMENT'))",
    message =
        "analysis needs codeDeploy.create.readyOption.actionOnTimeout STOP_DEPLOYMENT (with"
            + " waitMinutes), so the deployment waits with test traffic on green while the checks"
            + " run")
@ValidationRule(
    value =
        "!(has(self.analysis) && self.analysis.exists(c, c.phase == 'Baking')"
            + " && has(self.codeDeploy) && has(self.codeDeploy.create)"
            + " && has(self.codeDeploy.create.terminationWaitMinutes)"
            + " && self.codeDeploy.create.terminationWaitMinutes == 0)",
    fieldPath = ".codeDeploy.create.terminationWaitMinutes",
    message =
        "Baking analysis checks need codeDeploy.create.terminationWaitMinutes above 0: they run"
            + " while blue is kept, and with 0 CodeDeploy terminates blue at once")
public record EcsBlueGreenReleaseSpec(
    @JsonPropertyDescription(
            "AWS account access for this release. Optional: by default the operator's own region and"
                + " credentials are used.")
        AwsTarget aws,
    @Required
        @JsonPropertyDescription(
            "The ECS service to release: deployment controller CODE_DEPLOY with codeDeploy, ECS"
                + " with ecs.")
        ServiceRef service,
    @JsonPropertyDescription(
            "The CodeDeploy application, deployment group and traffic shifting of the release."
                + " Exactly one of codeDeploy and ecs.")
        CodeDeploySpec codeDeploy,
    @JsonPropertyDescription(
            "An Amazon ECS native blue/green, linear or canary deployment of the service (its"
                + " deployment controller ECS). Exactly one of codeDeploy and ecs.")
        EcsSpec ecs,
    @Required
        @JsonPropertyDescription(
            "The task definition to release: exactly one of arn, template or inline.")
        TaskDefinitionSpec taskDefinition,
    @Required
        @JsonPropertyDescription(
            "The container and port the load balancer's target groups send traffic to.")
        LoadBalancerTarget loadBalancer,
    @JsonPropertyDescription(
            "Fargate platform version of the green task set, e.g. LATEST or 1.4.0.")
        @Pattern("^(LATEST|[0-9]+\\.[0-9]+\\.[0-9]+)$")
        String platformVersion,
    @JsonPropertyDescription("awsvpc network configuration of the green task set.")
        NetworkConfiguration networkConfiguration,
    @JsonPropertyDescription("Capacity provider strategy of the green task set.")
        List<CapacityProviderStrategyItem> capacityProviderStrategy,
    @JsonPropertyDescription(
            "Lambda functions (name or ARN) CodeDeploy invokes at the ECS lifecycle events:"
                + " beforeInstall, afterInstall, afterAllowTestTraffic, beforeAllowTraffic,"
                + " afterAllowTraffic. A name or ARN is at most 170 characters.")
        @Size(max = Limits.HOOKS)
        Map<String, @Size(max = Limits.LAMBDA_FUNCTION_LENGTH) String> hooks,
    @JsonPropertyDescription(
            "Whether production traffic moves automatically or waits for a promote. With ecs,"
                + " Manual adds a PAUSE hook before production traffic moves.")
        Promotion promotion,
    @JsonPropertyDescription(
            "When CodeDeploy rolls the deployment back by itself (codeDeploy only).")
        RollbackPolicy rollback,
    @JsonPropertyDescription(
            "What deleting the release does to a deployment still running: StopDeployment stops it"
                + " and rolls back, Orphan leaves it alone.")
        @Default("StopDeployment")
        DeletionPolicy deletionPolicy,
    @JsonPropertyDescription(
            "Checks the operator runs itself against green (no Lambda needed) while the deployment"
                + " waits with test traffic on green: production traffic moves only once every"
                + " check passed, and a failed check rolls the deployment back. With codeDeploy the"
                + " deployment waits at the ready wait; with ecs the operator adds a PAUSE hook at"
                + " PRE_PRODUCTION_TRAFFIC_SHIFT. At most 10 checks.")
        @Size(max = Limits.ANALYSIS_CHECKS)
        List<AnalysisCheck> analysis) {

  public EcsBlueGreenReleaseSpec {
    hooks = hooks == null ? Map.of() : Map.copyOf(hooks);
    capacityProviderStrategy =
        capacityProviderStrategy == null ? List.of() : List.copyOf(capacityProviderStrategy);
    promotion = promotion == null ? new Promotion(null) : promotion;
    // CodeDeploy's rollback policy; an ECS release has none (ECS rolls a failed hook back itself).
    rollback = rollback == null && ecs == null ? new RollbackPolicy(null, null, null) : rollback;
    deletionPolicy = deletionPolicy == null ? DeletionPolicy.StopDeployment : deletionPolicy;
    analysis = analysis == null ? List.of() : List.copyOf(analysis);
  }
}
