-- Argo CD health check for ecs.bluegreen.dev/EcsBlueGreenRelease.
-- Reads the kstatus conditions the operator writes (Ready, Stalled) for the current generation;
-- the phase only adds Suspended (waiting for a promote) and a fallback for ended releases.
-- status.analysis adds Degraded as soon as a failed check rolls back, and the gate's state
-- (status.analysisSummary) leads the message while checks count.
-- Argo CD runs this with the base and table libraries only: no string.* or math.* here.
local hs = {}
local status = obj.status
local generation = obj.metadata.generation

-- A condition counts only if it was written for the generation Argo CD just applied.
local function currentCondition(conditionType)
  if status.conditions == nil then
    return nil
  end
  for _, condition in ipairs(status.conditions) do
    if condition.type == conditionType then
      if condition.observedGeneration == nil or generation == nil
          or condition.observedGeneration == generation then
        return condition
      end
      return nil
    end
  end
  return nil
end

-- The first non-empty argument; select("#") because ipairs would stop at the first nil.
local function messageOr(...)
  local candidates = {...}
  for i = 1, select("#", ...) do
    local candidate = candidates[i]
    if candidate ~= nil and candidate ~= "" then
      return candidate
    end
  end
  return ""
end

-- The analysis check that failed against the release's deployment, if one did.
local function failedCheck()
  if status.analysis == nil then
    return nil
  end
  for _, check in ipairs(status.analysis) do
    if check.verdict == "Failed" and check.deploymentId == status.deploymentId then
      return check
    end
  end
  return nil
end

if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to pick up the release"
  return hs
end

if generation ~= nil and (status.observedGeneration == nil or status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. tostring(generation)
  return hs
end

local stalled = currentCondition("Stalled")
if stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = messageOr(stalled.message, status.message, stalled.reason)
  return hs
end

-- A failed check rolls the deployment back: Degraded from the moment it failed, not only once
-- the rollback ended (the operator's RolledBack message names the check too).
local failed = failedCheck()
if failed ~= nil and status.phase == "RollingBack" then
  hs.status = "Degraded"
  hs.message = "Analysis check " .. failed.name .. " failed, rolling back: "
      .. messageOr(failed.lastMessage, failed.lastValue, status.message)
  return hs
end

if status.phase == "RolledBack" or status.phase == "Failed" then
  hs.status = "Degraded"
  hs.message = messageOr(status.message, status.phase)
  return hs
end

local ready = currentCondition("Ready")
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = messageOr(status.message, ready.message)
  return hs
end

if status.phase == "AwaitingPromotion" then
  hs.status = "Suspended"
  hs.message = messageOr(status.message, "Green is ready and waits for the promote action")
  return hs
end

hs.status = "Progressing"
hs.message = messageOr(status.message, status.phase, "Waiting for the operator")
-- While checks count, the gate's state leads, e.g. "Analysis 2/3 smoke: ...", unless the
-- operator's message is the gate's own (reason AnalysisRunning), which already says it.
local reconciling = currentCondition("Reconciling")
local gateSpeaks = reconciling ~= nil and reconciling.reason == "AnalysisRunning"
if status.analysisSummary ~= nil and status.analysisSummary ~= "Passed" and failed == nil
    and not gateSpeaks then
  hs.message = "Analysis " .. status.analysisSummary .. ": " .. hs.message
end
return hs
