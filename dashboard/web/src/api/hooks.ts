/** One hook per endpoint. Response types come from the server (api-types.ts), never re-declared. */
import type {
  AlertsResponse,
  AttachmentsResponse,
  AuditResponse,
  IncidentNoticesResponse,
  IncidentsResponse,
  MessageDetail,
  MessagesResponse,
  MetaResponse,
  ModelsResponse,
  OverviewResponse,
  ReleasesResponse,
  ReplyFailuresResponse,
  ReportsResponse,
  SetupDataResponse,
  SetupResponse,
  StatusResponse,
  TimeseriesResponse,
  TopicDetailResponse,
  TopicTermsResponse,
  UrgentCasesResponse,
  UsersResponse,
} from '../../../server/api-types.ts';
import { type Filters, SLICE_KEYS, toQuery } from '../filters.ts';
import { useApi } from './use-api.ts';

export const useMeta = () => useApi<MetaResponse>('/meta');

export const useOverview = (f: Filters) => useApi<OverviewResponse>(`/overview${toQuery(f, SLICE_KEYS)}`);

export const useTimeseries = (f: Filters, by: TimeseriesResponse['by']) =>
  useApi<TimeseriesResponse>(`/timeseries${toQuery(f, [...SLICE_KEYS, 'bucket'], { by })}`);

export const useTopic = (topic: string, f: Filters) =>
  useApi<TopicDetailResponse>(`/topics/${encodeURIComponent(topic)}${toQuery(f, [...SLICE_KEYS, 'bucket'])}`);

export const useTopicTerms = (topic: string, f: Filters) =>
  useApi<TopicTermsResponse>(`/topics/${encodeURIComponent(topic)}/terms${toQuery(f, SLICE_KEYS)}`);

export const useMessages = (f: Filters, enabled: boolean) =>
  useApi<MessagesResponse>(
    enabled
      ? `/messages${toQuery(f, [...SLICE_KEYS, 'q', 'page', 'start', 'end', 'sort'], { pageSize: '25' })}`
      : null,
  );

export const useMessage = (id: number | null) =>
  useApi<MessageDetail>(id === null ? null : `/messages/${id}`);

export const useAlerts = (status?: 'open' | 'acknowledged' | 'closed') =>
  useApi<AlertsResponse>(`/alerts${status ? `?status=${status}` : ''}`);

export const useReleases = () => useApi<ReleasesResponse>('/releases');

export const useReports = () => useApi<ReportsResponse>('/reports');

export const useUsers = () => useApi<UsersResponse>('/admin/users');

export const useAudit = (page: number) => useApi<AuditResponse>(`/admin/audit?page=${page}&pageSize=25`);

export const useStatus = () => useApi<StatusResponse>('/admin/status');

export const useModels = () => useApi<ModelsResponse>('/admin/models');

export const useIncidents = (open: boolean, f: Filters = {}) =>
  useApi<IncidentsResponse>(`/incidents${toQuery(f, ['from', 'to'], open ? { open: 'true' } : {})}`);

export const useSetup = () => useApi<SetupResponse>('/setup');

export const useSetupData = () => useApi<SetupDataResponse>('/setup/data');

export const useReplyFailures = () => useApi<ReplyFailuresResponse>('/admin/reply-failures');

export const useUrgentCases = () => useApi<UrgentCasesResponse>('/urgent');

export const useAttachments = (f: Filters = {}) =>
  useApi<AttachmentsResponse>(`/attachments${toQuery(f, ['from', 'to'])}`);

export const useIncidentNotices = (id: number) => useApi<IncidentNoticesResponse>(`/incidents/${id}/notices`);
