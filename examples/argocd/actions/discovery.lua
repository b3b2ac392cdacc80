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

-- With manual promotion, a promote given while TestTraffic analysis checks count (the operator's
-- Reconciling reason AnalysisRunning) is kept and moves traffic once they pass.
local gateCounting = false
if obj.status ~= nil and obj.status.conditions ~= nil and obj.spec.promotion ~= nil
    and obj.spec.promotion.mode == "Manual" and phase == "TestTraffic" then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Reconciling" and condition.reason == "AnalysisRunning" then
      gateCounting = true
    end
  end
end
actions["promote"] = {["disabled"] = phase ~= "AwaitingPromotion" and not gateCounting}
actions["rollback"] = {["disabled"] = not isActive}
-- ECS native deployments (status.engine ECS) cannot end a bake early.
local canEndBake = obj.status == nil or obj.status.engine ~= "ECS"
actions["skip-bake"] = {["disabled"] = phase ~= "Baking" or not canEndBake}
actions["retry"] = {["disabled"] = phase ~= "RolledBack" and phase ~= "Failed"}
return actions
