-- Deploy the current generation again after a rollback or failure.
-- The operator acts on the annotation, then removes it.
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["ecs.bluegreen.dev/retry"] = "true"
return obj
