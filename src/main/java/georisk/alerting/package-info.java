/**
 * Alert delivery beyond the {@code risk-alerts} topic: every alert the topology publishes is posted to the
 * configured webhooks (Slack-compatible or georisk's JSON body), retried with capped exponential backoff and
 * deduplicated by alert id.
 *
 * <p>Delivery cannot slow or stop scoring: it reads {@code risk-alerts} with a consumer of its own (its own group,
 * committed records only) on its own thread, and each webhook has its own bounded queue and thread, so a dead or
 * slow webhook delays only itself. Offsets are committed once every webhook is done with an alert (delivered,
 * given up or dropped), so a restart resumes after the last alert handled, and several instances with the same
 * application id share the alerts by partition instead of each posting every one.
 */
package georisk.alerting;
