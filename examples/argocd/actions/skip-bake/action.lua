-- End the bake now: terminate blue instead of keeping it for rollback.
-- The operator acts on the annotation, then removes it.
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["ecs.bluegreen.dev/skip-bake"] = "true"
return obj
