-- Continue past the manual promotion gate: production traffic moves to green.
-- The operator acts on the annotation, then removes it.
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["ecs.bluegreen.dev/promote"] = "true"
return obj
