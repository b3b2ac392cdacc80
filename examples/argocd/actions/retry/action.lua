-- Deploy the current generation again after a rollback or failure.
-- The value is the request: the current time, new on every run, so the operator acts once per
-- run and leaves the annotation in place. Argo CD offers os.date through require("os").
local os = require("os")
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["ecs.bluegreen.dev/retry"] = os.date("!%Y-%m-%dT%XZ")
return obj
