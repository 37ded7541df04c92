package dev.parley.runtime.session;

/** How responses are spoken: through speech synthesis, or not at all (text-only). */
interface Voice {

    /** More text of a response, to be spoken. */
    void text(long responseId, String delta);

    /** The response's text is complete; {@code playedOut} runs once its speech has played. */
    void endOfText(long responseId, Runnable playedOut);

    /** Stops speaking the response; returns what the user heard, or null if nothing of it was spoken. */
    String stop(long responseId);

    /** A text-only conversation: nothing is spoken, a response ends with its text. */
    Voice SILENT = new Voice() {
        @Override
        public void text(long responseId, String delta) {
        }

        @Override
        public void endOfText(long responseId, Runnable playedOut) {
            playedOut.run();
        }

        @Override
        public String stop(long responseId) {
            return null;
        }
    };
}
