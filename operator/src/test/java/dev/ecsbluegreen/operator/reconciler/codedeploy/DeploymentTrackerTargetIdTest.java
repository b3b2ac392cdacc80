package dev.ecsbluegreen.operator.reconciler.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ecsbluegreen.operator.api.v1alpha1.ServiceRef;
import org.junit.jupiter.api.Test;

class DeploymentTrackerTargetIdTest {

  @Test
  void anEcsTargetIsNamedByClusterAndServiceName() {
    assertThat(DeploymentTracker.ecsTargetId(new ServiceRef("prod", "web"))).isEqualTo("prod:web");
  }

  @Test
  void aClusterGivenByArnIsNamedByItsName() {
    var service = new ServiceRef("arn:aws:ecs:us-east-1:123456789012:cluster/prod", "web");

    assertThat(DeploymentTracker.ecsTargetId(service)).isEqualTo("prod:web");
  }
}
