package georisk.topology;

import georisk.events.RiskScore;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Sets a score's record timestamp to the event time it describes ({@code asOf}). A join result
 * carries the timestamp of whichever input triggered it — for a late event, a time long before
 * {@code asOf} — and the score windows and consumers of {@code risk-scores} must see score time.
 */
final class StampScoreTimeProcessor implements FixedKeyProcessor<String, RiskScore, RiskScore> {
    private FixedKeyProcessorContext<String, RiskScore> context;

    @Override
    public void init(final FixedKeyProcessorContext<String, RiskScore> context) {
        this.context = context;
    }

    @Override
    public void process(final FixedKeyRecord<String, RiskScore> record) {
        context.forward(record.withTimestamp(record.value().getAsOf().toEpochMilli()));
    }
}
