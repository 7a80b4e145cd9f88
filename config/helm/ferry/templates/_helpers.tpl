{{/* The chart's name, at most 63 characters (a label value). */}}
{{- define "ferry.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release's full name: the release name when it already contains the chart's name (`ferry`,
`ferry-prod`), else `<release>-ferry`. Suffixed names (-metrics, -leader-election) stay within 63.
*/}}
{{- define "ferry.fullname" -}}
{{- if contains .Chart.Name .Release.Name }}
{{- .Release.Name | trunc 46 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 46 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "ferry.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* What selects the operator's pods; never changes over upgrades (a Deployment's selector is immutable). */}}
{{- define "ferry.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ferry.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: controller
{{- end }}

{{/* The labels of every object the chart renders, but for app.kubernetes.io/component. */}}
{{- define "ferry.baseLabels" -}}
helm.sh/chart: {{ include "ferry.chart" . }}
app.kubernetes.io/name: {{ include "ferry.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The labels of the operator's own objects. */}}
{{- define "ferry.labels" -}}
{{ include "ferry.baseLabels" . }}
app.kubernetes.io/component: controller
{{- end }}

{{- define "ferry.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ferry.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name: name the ServiceAccount to run as when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository:tag, or repository@digest when a digest is given. */}}
{{- define "ferry.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The one namespace a namespace-scoped operator watches. */}}
{{- define "ferry.watchNamespace" -}}
{{- default .Release.Namespace .Values.namespaceScope.namespace }}
{{- end }}

{{/* Where the Lease and the data-hash key Secret live. */}}
{{- define "ferry.leaderElectionNamespace" -}}
{{- default .Release.Namespace .Values.leaderElection.namespace }}
{{- end }}

{{/*
What the controllers do, verb by verb, and nothing else (no "*"): the rules of config/rbac/role.yaml
(cluster-wide) or config/namespaced/role.yaml (one namespace, without what only ClusterSecretStores
need: their list/watch/status, and reading Namespaces for their spec.conditions). A test compares
them with `kustomize build`.
*/}}
{{- define "ferry.managerRules" -}}
# The informers of the ExternalSecret and SecretStore controllers (list + watch; reconciles read
# their caches, never the API).
- apiGroups: [ferry.dev]
  resources: [externalsecrets, secretstores{{ if not .Values.namespaceScope.enabled }}, clustersecretstores{{ end }}]
  verbs: [list, watch]
# Ready conditions, history and binding: a merge patch of the status subresource. Ferry sets no
# finalizers and never writes a spec.
- apiGroups: [ferry.dev]
  resources: [externalsecrets/status, secretstores/status{{ if not .Values.namespaceScope.enabled }}, clustersecretstores/status{{ end }}]
  verbs: [patch]
# Target Secrets (server-side apply, deletionPolicy Delete, reads of the live target, of credential
# and templateFrom Secrets; list + watch for the managed-Secret informer and the templateFrom change stream).
- apiGroups: ['']
  resources: [secrets]
  verbs: [get, list, watch, create, patch, delete]
# templateFrom ConfigMaps and configMapKey credentials, and their change stream.
- apiGroups: ['']
  resources: [configmaps]
  verbs: [get, list, watch]
# Store auth that takes a role or client id from a ServiceAccount's annotations.
- apiGroups: ['']
  resources: [serviceaccounts]
  verbs: [get]
# Short-lived tokens (TokenRequest) for stores that log in as a ServiceAccount.
- apiGroups: ['']
  resources: [serviceaccounts/token]
  verbs: [create]
{{- if not .Values.namespaceScope.enabled }}
# A ClusterSecretStore's spec.conditions[].namespaceSelector matches the labels of the
# ExternalSecret's namespace.
- apiGroups: ['']
  resources: [namespaces]
  verbs: [get]
{{- end }}
# events.k8s.io/v1 Events about ExternalSecrets and stores.
- apiGroups: [events.k8s.io]
  resources: [events]
  verbs: [create]
{{- end }}

{{/* A chart-level mistake stops the render with a message that says how to fix it. */}}
{{- define "ferry.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.leaderElection.enabled) }}
{{- fail (printf "replicaCount is %d but leaderElection.enabled is false: replicas would write the same Secrets at once; enable leader election or set replicaCount to 1" (int .Values.replicaCount)) }}
{{- end }}
{{- if and .Values.metrics.serviceMonitor.enabled (not .Values.metrics.service.enabled) }}
{{- fail "metrics.serviceMonitor.enabled needs metrics.service.enabled: the ServiceMonitor scrapes that Service" }}
{{- end }}
{{- if and .Values.podDisruptionBudget.enabled (not (kindIs "invalid" .Values.podDisruptionBudget.minAvailable)) (not (kindIs "invalid" .Values.podDisruptionBudget.maxUnavailable)) }}
{{- fail "podDisruptionBudget: set minAvailable or maxUnavailable, not both (set the other to null)" }}
{{- end }}
{{- end }}
