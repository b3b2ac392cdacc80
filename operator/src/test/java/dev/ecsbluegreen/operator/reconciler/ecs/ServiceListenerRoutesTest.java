package dev.ecsbluegreen.operator.reconciler.ecs;

import static dev.ecsbluegreen.operator.fixtures.Releases.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ecsbluegreen.operator.analysis.UnresolvedTargetException;
import dev.ecsbluegreen.operator.api.v1alpha1.AwsTarget;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsBlueGreenRelease;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsSpec.EcsStrategy;
import dev.ecsbluegreen.operator.api.v1alpha1.EcsTrafficResources;
import dev.ecsbluegreen.operator.api.v1alpha1.HttpCheck.CheckListener;
import dev.ecsbluegreen.operator.aws.AwsAccess;
import dev.ecsbluegreen.operator.aws.ListenerRules;
import dev.ecsbluegreen.operator.aws.NativeServiceLookup;
import dev.ecsbluegreen.operator.aws.NativeServiceState;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentGateway;
import dev.ecsbluegreen.operator.aws.ServiceDeploymentSnapshot;
import dev.ecsbluegreen.operator.aws.ServiceState;
import dev.ecsbluegreen.operator.aws.ServiceUpdate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceListenerRoutesTest {
  private static final String PREFIX = "arn:aws:elasticloadbalancing:us-east-1:123456789012:";
  private static final String LISTENER =
      PREFIX + "listener/app/web-lb/50dc6c495c0c9188/f2f7dc8efc522ab2";
  private static final String RULE =
      PREFIX + "listener-rule/app/web-lb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee";
  private static final String TEST_LISTENER =
      PREFIX + "listener/app/web-lb/50dc6c495c0c9188/0467ef3c8400ae65";
  private static final String TEST_RULE =
      PREFIX + "listener-rule/app/web-lb/50dc6c495c0c9188/0467ef3c8400ae65/a1b2c3d4e5f60718";

  private final Services services = new Services();
  private final ServiceListenerRoutes routes =
      new ServiceListenerRoutes(new SharedServiceReads(services.access(), Duration.ZERO));

  @Test
  void aListenerRuleBelongsToTheListenerItsArnNames() {
    assertThat(ServiceListenerRoutes.listenerOf(RULE, CheckListener.Production))
        .isEqualTo(LISTENER);
  }

  @Test
  void aNetworkLoadBalancersRuleIsItsListenerAlready() {
    String nlb = PREFIX + "listener/net/web-nlb/50dc6c495c0c9188/f2f7dc8efc522ab2";

    assertThat(ServiceListenerRoutes.listenerOf(nlb, CheckListener.Test)).isEqualTo(nlb);
  }

  @Test
  void anythingElseIsUnresolvedNamingIt() {
    String group = PREFIX + "targetgroup/web-blue/50dc6c495c0c9188";

    assertThatThrownBy(() -> ServiceListenerRoutes.listenerOf(group, CheckListener.Test))
        .isInstanceOf(UnresolvedTargetException.class)
        .hasMessage(
            "the Test listener could not be resolved: "
                + group
                + " is neither a listener rule ARN nor a listener ARN");
  }

  @Test
  void rulesTheReleaseNamesNeedNoRead() {
    var release = withOwnRules(TEST_RULE);

    assertThat(routes.listenerArn(release, "d-1", CheckListener.Test)).isEqualTo(TEST_LISTENER);
    assertThat(routes.listenerArn(release, "d-1", CheckListener.Production)).isEqualTo(LISTENER);
    assertThat(services.reads).isZero();
  }

  @Test
  void aReleaseNamingNoTestRuleSaysSo() {
    assertThatThrownBy(() -> routes.listenerArn(withOwnRules(null), "d-1", CheckListener.Test))
        .isInstanceOf(UnresolvedTargetException.class)
        .hasMessage(
            "the Test listener could not be resolved: spec.ecs.loadBalancer has no"
                + " testListenerRule");
  }

  @Test
  void theServicesRulesAreReadOncePerDeployment() {
    services.rules = new ListenerRules(RULE, TEST_RULE);
    var release = asTheServiceHasThem();

    assertThat(routes.listenerArn(release, "d-1", CheckListener.Test)).isEqualTo(TEST_LISTENER);
    assertThat(routes.listenerArn(release, "d-1", CheckListener.Production)).isEqualTo(LISTENER);
    assertThat(services.reads).isEqualTo(1);

    routes.listenerArn(release, "d-2", CheckListener.Test);
    assertThat(services.reads).isEqualTo(2);
  }

  @Test
  void aServiceWithoutTestRuleIsUnresolvedNamingTheField() {
    services.rules = new ListenerRules(RULE, null);

    assertThatThrownBy(() -> routes.listenerArn(asTheServiceHasThem(), "d-1", CheckListener.Test))
        .isInstanceOf(UnresolvedTargetException.class)
        .hasMessage(
            "the Test listener could not be resolved: ECS service prod/web has no"
                + " loadBalancers[].advancedConfiguration.testListenerRule");
  }

  @Test
  void aServiceWithoutAdvancedConfigurationIsUnresolvedAndNotReadAgain() {
    services.rules = null;
    var release = asTheServiceHasThem();

    for (int run = 0; run < 2; run++) {
      assertThatThrownBy(() -> routes.listenerArn(release, "d-1", CheckListener.Test))
          .isInstanceOf(UnresolvedTargetException.class)
          .hasMessage(
              "the Test listener could not be resolved: ECS service prod/web has no"
                  + " loadBalancers[].advancedConfiguration (its listener rules), and"
                  + " spec.ecs.loadBalancer names none");
    }
    assertThat(services.reads).isEqualTo(1);
  }

  private static EcsBlueGreenRelease asTheServiceHasThem() {
    return release("web")
        .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, null, null, null))
        .build();
  }

  private static EcsBlueGreenRelease withOwnRules(String testRule) {
    var own =
        new EcsTrafficResources(
            PREFIX + "targetgroup/web-green/50dc6c495c0c9188",
            RULE,
            testRule,
            "arn:aws:iam::123456789012:role/ecsInfrastructureRole");
    return release("web")
        .ecs(new EcsSpec(EcsStrategy.BlueGreen, null, null, 0, own, null, null))
        .build();
  }

  /** ECS as the shared service reads see it: one service, with the rules a test gives it. */
  private static final class Services implements ServiceDeploymentGateway {
    ListenerRules rules;
    int reads;

    AwsAccess access() {
      var gateways = new AwsAccess.Gateways(null, null, null, this, null, null);
      return new AwsAccess() {
        @Override
        public Gateways forTarget(AwsTarget target) {
          return gateways;
        }

        @Override
        public void close() {}
      };
    }

    @Override
    public Map<String, NativeServiceLookup> describeServices(
        String cluster, List<String> services) {
      reads++;
      var state =
          new ServiceState(
              cluster,
              "web",
              "arn:aws:ecs:us-east-1:123456789012:service/prod/web",
              "ACTIVE",
              "ECS",
              "web:1");
      var answers = new LinkedHashMap<String, NativeServiceLookup>();
      services.forEach(
          name ->
              answers.put(
                  name,
                  new NativeServiceLookup(
                      cluster, name, new NativeServiceState(state, null, rules, null), null)));
      return answers;
    }

    @Override
    public NativeServiceState describeService(String cluster, String service) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String updateService(ServiceUpdate update) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ServiceDeploymentSnapshot> describeServiceDeployments(List<String> arns) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<String> greenTargetGroupArn(String deploymentArn) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean stopWithRollback(String arn) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean continueHook(String arn, String hookId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean rollBackAtHook(String arn, String hookId) {
      throw new UnsupportedOperationException();
    }
  }
}
