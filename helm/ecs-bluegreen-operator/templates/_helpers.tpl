{{- define "ecs-bluegreen-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "ecs-bluegreen-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "ecs-bluegreen-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ecs-bluegreen-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "ecs-bluegreen-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "ecs-bluegreen-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "ecs-bluegreen-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ecs-bluegreen-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Leader election is needed exactly when more than one replica may reconcile. */}}
{{- define "ecs-bluegreen-operator.leaderElection" -}}
{{- if gt (int .Values.replicaCount) 1 }}true{{ end }}
{{- end }}

{{- define "ecs-bluegreen-operator.leaseName" -}}
{{- default (include "ecs-bluegreen-operator.fullname" .) .Values.leaderElection.leaseName }}
{{- end }}

{{/*
The rules the operator needs on its own resources and events, shared by the ClusterRole and the
per-namespace Roles. Nothing else: no wildcards, no CRD writes (the chart installs the CRD), and no
Secrets unless analysis.prometheus.readTokenSecrets asks for get on them. ChartRbacE2E runs a
release on a real API server with these rules and checks that every one is used. list and watch feed
the informer; patch adds and removes the finalizer (action annotations are left in place); get is
JOSDK's re-read when a finalizer patch meets a conflict. The status is written with a full update of
the status subresource. Events are core/v1, each created once under a unique name. Nothing sets
ownerReferences to a release, so releases/finalizers is not needed.
*/}}
{{- define "ecs-bluegreen-operator.rules" -}}
- apiGroups: ["ecs.bluegreen.dev"]
  resources: ["ecsbluegreenreleases"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["ecs.bluegreen.dev"]
  resources: ["ecsbluegreenreleases/status"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- if .Values.analysis.prometheus.readTokenSecrets }}
# Only with analysis.prometheus.readTokenSecrets: the bearer token a prometheus check names, read
# with one get per run. No list or watch: the operator never caches Secrets.
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
{{- end }}
{{- end }}
