package dev.parley.api;

/**
 * The user talked over the agent, or the client asked to stop it.
 *
 * @param responseId the id of the agent response that was cut off
 * @param fullText   everything the agent had produced for that response
 * @param heardText  the part the user actually heard: cut at the playout position for spoken
 *                   replies, the text sent so far for text-only conversations
 */
public record Interruption(long responseId, String fullText, String heardText) {
}
