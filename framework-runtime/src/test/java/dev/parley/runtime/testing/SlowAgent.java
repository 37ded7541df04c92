package dev.parley.runtime.testing;

import dev.parley.api.Dialects;
import dev.parley.api.Interruption;
import dev.parley.api.OnInterruption;
import dev.parley.api.OnTranscript;
import dev.parley.api.VoiceAgent;
import jakarta.inject.Inject;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;

/** Streams a long reply slowly through a Flow.Publisher, so a test can interrupt it midway. */
@VoiceAgent(id = "slow", dialects = {Dialects.XUNA, Dialects.NEXTEVI})
public class SlowAgent {
    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "slow-agent");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    Recorder recorder;

    @OnTranscript
    Flow.Publisher<String> reply(String text) {
        if (text.equals("short")) {
            SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
            TICKS.schedule(() -> {
                publisher.submit("short answer");
                publisher.close();
            }, 10, TimeUnit.MILLISECONDS);
            return publisher;
        }
        SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
        for (int i = 0; i < 50; i++) {
            int word = i;
            TICKS.schedule(() -> {
                if (!publisher.isClosed()) {
                    publisher.submit("word" + word + " ");
                }
            }, 50L * (i + 1), TimeUnit.MILLISECONDS);
        }
        TICKS.schedule(publisher::close, 50L * 51, TimeUnit.MILLISECONDS);
        return publisher;
    }

    @OnInterruption
    void interrupted(Interruption cut) {
        recorder.record("slow-interrupted:" + cut.responseId() + ":" + cut.heardText());
    }
}
