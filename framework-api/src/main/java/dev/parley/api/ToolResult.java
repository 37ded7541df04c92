package dev.parley.api;

/**
 * A client's answer to {@link AgentSession#callClientTool}.
 *
 * @param toolCallId the call it answers
 * @param result     what the tool returned, as the client sent it
 * @param isError    whether the tool failed
 */
public record ToolResult(String toolCallId, String result, boolean isError) {
}
