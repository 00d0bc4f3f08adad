/** An alert rule as stored: the definition (validated by the server) and its switch. */
export interface AlertRuleRecord {
  id: string;
  name: string;
  /** JSON of the rule as the server parsed it (condition, threshold, window, webhooks...). */
  definition: unknown;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** `open` while the condition holds; `resolved` once it no longer does. */
export type AlertEventStatus = 'open' | 'resolved';

/** One firing of a rule for one group, from the moment it fired until it resolved. */
export interface AlertEventRecord {
  id: string;
  ruleId: string;
  /** '' when the rule is not grouped. */
  groupKey: string;
  status: AlertEventStatus;
  /** The latest value seen while open; null when the window had no data. */
  value: number | null;
  threshold: number | null;
  /** One line naming the rule, metric, value and threshold, kept even if the rule is deleted. */
  summary: string;
  firedAt: Date;
  resolvedAt: Date | null;
  lastEvaluatedAt: Date;
}

/** One attempt to deliver a notification to one webhook. */
export interface AlertDeliveryRecord {
  id: string;
  ruleId: string;
  /** Null for a test send. */
  eventId: string | null;
  kind: 'fired' | 'resolved' | 'test';
  url: string;
  /** 1 for the first try. */
  attempt: number;
  status: 'delivered' | 'failed';
  /** The receiver's HTTP status; null when it could not be reached. */
  statusCode: number | null;
  error: string | null;
  createdAt: Date;
}

export interface AlertEventQuery {
  ruleId?: string;
  status?: AlertEventStatus;
  groupKey?: string;
  /** Only events that fired before this time (paging). */
  before?: Date;
  /** Default 100, at most 1000. */
  limit?: number;
}

/** Alert rules, the alerts they fired (history) and the deliveries of their notifications. */
export interface AlertStore {
  /** Inserts or replaces the rule with this id; a name used by another rule of the project throws. */
  putRule(projectId: string, rule: AlertRuleRecord): Promise<void>;
  getRule(projectId: string, ruleId: string): Promise<AlertRuleRecord | null>;
  listRules(projectId: string): Promise<AlertRuleRecord[]>;
  /** Removes the rule; its history stays. False when it did not exist. */
  deleteRule(projectId: string, ruleId: string): Promise<boolean>;

  /**
   * Opens an alert unless one is already open for (rule, group): then nothing is written and the
   * result is null. This is what makes a re-run evaluation (after a crash) never alert twice.
   */
  openEvent(
    projectId: string,
    event: Omit<AlertEventRecord, 'status' | 'resolvedAt'>,
  ): Promise<AlertEventRecord | null>;
  /** Records the latest value of an open alert. */
  touchEvent(projectId: string, eventId: string, value: number | null, at: Date): Promise<void>;
  /** Resolves an open alert; false when it was not open. */
  resolveEvent(projectId: string, eventId: string, value: number | null, at: Date): Promise<boolean>;
  getEvent(projectId: string, eventId: string): Promise<AlertEventRecord | null>;
  /** Newest fired first. */
  listEvents(projectId: string, query?: AlertEventQuery): Promise<AlertEventRecord[]>;
  /** When each group's most recent resolved alert of the rule resolved (for the cooldown). */
  lastResolved(projectId: string, ruleId: string): Promise<Map<string, Date>>;

  /** Idempotent on the delivery id. */
  addDelivery(projectId: string, delivery: AlertDeliveryRecord): Promise<void>;
  /** Newest first, at most `limit` (default 100). */
  listDeliveries(
    projectId: string,
    query: { eventId?: string; ruleId?: string; limit?: number },
  ): Promise<AlertDeliveryRecord[]>;
}
