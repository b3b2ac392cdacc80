-- Argo CD resource actions for ecs.bluegreen.dev/EcsBlueGreenRelease.
-- Each action only sets the operator's annotation; an action is disabled where the operator
-- would have nothing to act on.
local actions = {}
local phase = nil
if obj.status ~= nil then
  phase = obj.status.phase
end

-- Phases in which a deployment exists and has not ended.
local deploymentActive = {
  Deploying = true,
  TestTraffic = true,
  AwaitingPromotion = true,
  ShiftingTraffic = true,
  Baking = true,
}
local isActive = phase ~= nil and deploymentActive[phase] == true

actions["promote"] = {["disabled"] = phase ~= "AwaitingPromotion"}
actions["rollback"] = {["disabled"] = not isActive}
-- ECS native deployments (status.engine ECS) cannot end a bake early.
local canEndBake = obj.status == nil or obj.status.engine ~= "ECS"
actions["skip-bake"] = {["disabled"] = phase ~= "Baking" or not canEndBake}
actions["retry"] = {["disabled"] = phase ~= "RolledBack" and phase ~= "Failed"}
return actions
