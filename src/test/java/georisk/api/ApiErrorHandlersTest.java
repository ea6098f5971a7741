package georisk.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The exception handlers on a request that is gone. Javalin 7 answers an exception thrown by an exception handler
 * by queueing the handler again; a handler that throws on every call therefore loops for ever (and once filled
 * the CI machine's disk with 40 GB of "Exception handler for NullPointerException threw an error").
 */
class ApiErrorHandlersTest {

    /** A context whose request Jetty has recycled: every accessor throws, as Jetty's do then. */
    private static Context recycled(final AtomicInteger calls) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "recycled context";
                        };
                    }
                    calls.incrementAndGet();
                    throw new NullPointerException("the request has been recycled");
                });
    }

    private static Javalin withErrorHandlers() {
        return Javalin.create(config -> ApiServer.errors(config.routes));
    }

    @Test
    void shouldReturnFromEveryErrorHandlerWhenTheRequestIsGone() {
        final Javalin app = withErrorHandlers();
        for (final Exception failure : new Exception[] {
                new NullPointerException("statusCode() of a recycled response"),
                new ApiError(503, "unavailable"),
                new NotFoundResponse("no such path")}) {
            final AtomicInteger calls = new AtomicInteger();

            // what Javalin's request loop does with an exception a task threw; a throw here is queued again
            assertThatCode(() -> app.unsafe.internalRouter.handleHttpException(recycled(calls), failure))
                    .as("handling %s", failure).doesNotThrowAnyException();
            assertThat(calls).as("the handler tried to answer %s", failure).hasPositiveValue();
        }
    }
}
