package dev.parley.runtime.session;

import dev.parley.api.spi.Reply;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * Turns a handler's {@link Reply} into response text: at once for text, when ready for a stage, chunk by
 * chunk for streams (pulled on a worker, so a slow LLM never blocks the session's handlers) and
 * publishers (one chunk requested at a time). Every form stops when the response is cancelled.
 */
final class ReplyPlayer {
    private final Executor workers;

    ReplyPlayer(Executor workers) {
        this.workers = workers;
    }

    void play(Reply reply, AgentResponse response, Responses responses) {
        if (reply instanceof Reply.Text text) {
            responses.text(response, text.text());
            responses.finish(response);
        } else if (reply instanceof Reply.Later later) {
            response.onCancel(() -> later.text().toCompletableFuture().cancel(true));
            later.text().whenComplete((text, failure) -> {
                if (failure != null) {
                    responses.fail(response, failure);
                } else {
                    if (text != null) {
                        responses.text(response, text);
                    }
                    responses.finish(response);
                }
            });
        } else if (reply instanceof Reply.Streamed streamed) {
            workers.execute(() -> pull(streamed.chunks(), response, responses));
        } else if (reply instanceof Reply.Published published) {
            published.chunks().subscribe(new ChunkSubscriber(response, responses));
        } else {
            responses.finish(response);
        }
    }

    private static void pull(Stream<? extends CharSequence> chunks, AgentResponse response, Responses responses) {
        try (chunks) {
            Iterator<? extends CharSequence> iterator = chunks.iterator();
            while (!response.cancelled() && iterator.hasNext()) {
                CharSequence chunk = iterator.next();
                if (chunk != null) {
                    responses.text(response, chunk);
                }
            }
            responses.finish(response);
        } catch (RuntimeException failure) {
            responses.fail(response, failure);
        }
    }

    /** Requests one chunk at a time, so a fast publisher cannot flood a slow client. */
    private static final class ChunkSubscriber implements Flow.Subscriber<CharSequence> {
        private final AgentResponse response;
        private final Responses responses;
        private Flow.Subscription subscription;

        ChunkSubscriber(AgentResponse response, Responses responses) {
            this.response = response;
            this.responses = responses;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            response.onCancel(subscription::cancel);
            subscription.request(1);
        }

        @Override
        public void onNext(CharSequence chunk) {
            if (chunk != null) {
                responses.text(response, chunk);
            }
            if (!response.cancelled()) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            responses.fail(response, failure);
        }

        @Override
        public void onComplete() {
            responses.finish(response);
        }
    }
}
