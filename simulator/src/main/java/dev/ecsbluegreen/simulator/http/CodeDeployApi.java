package dev.ecsbluegreen.simulator.http;

import dev.ecsbluegreen.simulator.world.SimulatedAws;

/**
 * CodeDeploy (API 2014-10-06) over the simulated world: the one dispatch table from operation name
 * to handler. The handlers are grouped by resource family in {@link CodeDeployResources}
 * (applications, deployment groups, configs), {@link CodeDeployDeployments} (deployments, targets,
 * hooks) and {@link CodeDeployTags}.
 */
final class CodeDeployApi extends JsonApi {

  static final int BATCH_LIMIT = 25;
  static final int PAGE_SIZE = 100;

  CodeDeployApi(SimulatedAws aws) {
    super(aws, "codedeploy", "CodeDeploy_20141006");
    var views = new CodeDeployViews(aws);
    var resources = new CodeDeployResources(aws, views);
    var deployments = new CodeDeployDeployments(aws, views);
    var tags = new CodeDeployTags(aws);
    operation("CreateApplication", resources::createApplication);
    operation("GetApplication", resources::getApplication);
    operation("BatchGetApplications", resources::batchGetApplications);
    operation("ListApplications", resources::listApplications);
    operation("DeleteApplication", resources::deleteApplication);
    operation("CreateDeploymentGroup", resources::createDeploymentGroup);
    operation("GetDeploymentGroup", resources::getDeploymentGroup);
    operation("UpdateDeploymentGroup", resources::updateDeploymentGroup);
    operation("DeleteDeploymentGroup", resources::deleteDeploymentGroup);
    operation("ListDeploymentGroups", resources::listDeploymentGroups);
    operation("BatchGetDeploymentGroups", resources::batchGetDeploymentGroups);
    operation("CreateDeploymentConfig", resources::createDeploymentConfig);
    operation("GetDeploymentConfig", resources::getDeploymentConfig);
    operation("ListDeploymentConfigs", resources::listDeploymentConfigs);
    operation("DeleteDeploymentConfig", resources::deleteDeploymentConfig);
    operation("CreateDeployment", deployments::createDeployment);
    operation("GetDeployment", deployments::getDeployment);
    operation("BatchGetDeployments", deployments::batchGetDeployments);
    operation("ListDeployments", deployments::listDeployments);
    operation("ListDeploymentTargets", deployments::listDeploymentTargets);
    operation("BatchGetDeploymentTargets", deployments::batchGetDeploymentTargets);
    operation("GetDeploymentTarget", deployments::getDeploymentTarget);
    operation("ContinueDeployment", deployments::continueDeployment);
    operation("StopDeployment", deployments::stopDeployment);
    operation(
        "SkipWaitTimeForInstanceTermination", deployments::skipWaitTimeForInstanceTermination);
    operation(
        "PutLifecycleEventHookExecutionStatus", deployments::putLifecycleEventHookExecutionStatus);
    operation("ListTagsForResource", tags::listTagsForResource);
    operation("TagResource", tags::tagResource);
    operation("UntagResource", tags::untagResource);
  }
}
