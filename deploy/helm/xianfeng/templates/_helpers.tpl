{{/* The release's name for every object: <release>-xianfeng, or the release name when it already says xianfeng. */}}
{{- define "xianfeng.fullname" -}}
{{- if contains "xianfeng" .Release.Name -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-xianfeng" .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "xianfeng.labels" -}}
app.kubernetes.io/name: xianfeng
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of one app: (dict "root" $ "app" "api"). */}}
{{- define "xianfeng.selectorLabels" -}}
app.kubernetes.io/name: xianfeng
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .app }}
{{- end -}}

{{- define "xianfeng.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "xianfeng.secretName" -}}
{{- if .Values.secrets.create -}}{{ include "xianfeng.fullname" . }}-keys{{- else -}}{{ .Values.secrets.existingSecret }}{{- end -}}
{{- end -}}

{{/* One key of the keys Secret as an environment variable. */}}
{{- define "xianfeng.secretEnv" -}}
- name: {{ .key }}
  valueFrom:
    secretKeyRef:
      name: {{ include "xianfeng.secretName" .root }}
      key: {{ .key }}
{{- end -}}

{{/*
The environment of one app (dict "root" $ "app" "api"): the shared ConfigMap is mounted with envFrom; this adds
the secrets each app reads (the personal-data keys only where they are needed: api, worker, setup).
*/}}
{{- define "xianfeng.env" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.database.urlSecret.name }}
      key: {{ .root.Values.database.urlSecret.key }}
{{- if has .app (list "api" "worker" "setup") }}
{{ include "xianfeng.secretEnv" (dict "root" .root "key" "TEMPORAL_CODEC_KEYS") }}
{{ include "xianfeng.secretEnv" (dict "root" .root "key" "PERSON_ID_ENCRYPTION_KEYS") }}
{{ include "xianfeng.secretEnv" (dict "root" .root "key" "PERSON_ID_HMAC_KEY") }}
{{- end }}
{{- if ne .app "setup" }}
{{ include "xianfeng.secretEnv" (dict "root" .root "key" "METRICS_TOKEN") }}
{{- end }}
{{- if eq .app "worker" }}
- name: TEMPORAL_WORKER_METRICS_ADDRESS
  value: 127.0.0.1:9464
{{- end }}
{{- if eq .app "api" }}
- name: TARGETS_UPSTREAM_URL
  value: http://{{ include "xianfeng.fullname" .root }}-targets:{{ .root.Values.service.port }}
{{- end }}
{{- end -}}


{{/* The apps' settings (not secret): the ConfigMap's data, and the setup job's environment (a hook runs before
the ConfigMap exists). */}}
{{- define "xianfeng.config" -}}
HTTP_HOST: 0.0.0.0
HTTP_PORT: '3000'
LOG_LEVEL: {{ .Values.logLevel | quote }}
DATABASE_POOL_SIZE: {{ .Values.database.poolSize | quote }}
TEMPORAL_ADDRESS: {{ .Values.temporal.address | quote }}
TEMPORAL_NAMESPACE: {{ .Values.temporal.namespace | quote }}
TEMPORAL_TASK_QUEUE: {{ .Values.temporal.taskQueue | quote }}
KAFKA_BROKERS: {{ .Values.kafka.brokers | quote }}
KAFKA_CLIENT_ID: {{ .Values.kafka.clientId | quote }}
KAFKA_TOPIC_REPLICATION_FACTOR: {{ .Values.kafka.topicReplicationFactor | quote }}
AUTH_JWKS_URL: {{ .Values.auth.jwksUrl | quote }}
AUTH_ISSUER: {{ .Values.auth.issuer | quote }}
AUTH_AUDIENCE: {{ .Values.auth.audience | quote }}
CONSOLE_DIR: /app/dist/console
CONSOLE_OIDC_AUTHORITY: {{ .Values.console.oidcAuthority | quote }}
CONSOLE_OIDC_CLIENT_ID: {{ .Values.console.oidcClientId | quote }}
CONSOLE_OIDC_SCOPE: {{ .Values.console.oidcScope | quote }}
{{- with .Values.console.temporalUiOrigin }}
TEMPORAL_UI_ORIGIN: {{ . | quote }}
{{- end }}
{{- with .Values.tracing.otlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
OTEL_TRACES_SAMPLER: parentbased_traceidratio
OTEL_TRACES_SAMPLER_ARG: {{ $.Values.tracing.sampleRatio | quote }}
{{- end }}
{{- range $name, $value := .Values.extraEnv }}
{{ $name }}: {{ $value | quote }}
{{- end }}
{{- end -}}
