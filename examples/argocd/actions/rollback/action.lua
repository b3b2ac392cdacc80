-- Stop the active deployment and roll back to blue.
-- The operator acts on the annotation, then removes it.
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["ecs.bluegreen.dev/rollback"] = "true"
return obj
