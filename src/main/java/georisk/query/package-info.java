/**
 * Interactive queries over the scoring topology's state, for the HTTP API.
 *
 * <p>{@link georisk.query.RiskQueries} is what the API asks. {@link georisk.query.KafkaRiskQueries} answers a
 * dyad's score and history from the Kafka Streams stores of the instance that holds the dyad, and says which
 * instance that is when it is another one ({@link georisk.query.Answer.Elsewhere}); the dyad list, recent alerts
 * and the live feed come from an {@link georisk.query.OutputFeed}, a consumer that reads every partition of the
 * output topics in every instance, so that every instance answers them the same. Avro records never leave this
 * package: answers are plain records with {@code java.time.Instant} times.
 */
package georisk.query;
