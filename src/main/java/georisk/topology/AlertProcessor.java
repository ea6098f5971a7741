package georisk.topology;

import georisk.events.AlertState;
import georisk.events.RiskAlert;
import georisk.events.RiskScore;
import georisk.scoring.AlertPolicy;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The alert stage: runs each score of a dyad through the {@link AlertPolicy} with what the policy
 * remembers of the dyad (the {@code alert-state} store) and forwards the alerts that fire, stamped
 * with their event time.
 */
final class AlertProcessor implements Processor<String, RiskScore, String, RiskAlert> {
    private final AlertPolicy policy;
    private ProcessorContext<String, RiskAlert> context;
    private KeyValueStore<String, AlertState> states;

    AlertProcessor(final AlertPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void init(final ProcessorContext<String, RiskAlert> context) {
        this.context = context;
        this.states = context.getStateStore(Names.ALERT_STATE_STORE);
    }

    @Override
    public void process(final Record<String, RiskScore> record) {
        final AlertState stored = states.get(record.key());
        final AlertPolicy.Outcome outcome = policy.evaluate(
                stored == null ? AlertPolicy.State.INITIAL : EventMapping.toPolicyState(stored),
                EventMapping.toSnapshot(record.value()));
        states.put(record.key(), EventMapping.toAvro(outcome.state()));
        for (final AlertPolicy.Alert alert : outcome.alerts()) {
            context.forward(new Record<>(record.key(), EventMapping.toRiskAlert(alert), alert.time()));
        }
    }
}
