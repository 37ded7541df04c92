package dev.parley.api;

/**
 * Why a conversation ended.
 *
 * @param reason    the kind of end
 * @param closeCode the WebSocket close code the connection ended with
 * @param detail    the close reason or a description of the failure; may be empty
 */
public record SessionEnd(Reason reason, int closeCode, String detail) {

    /** Kinds of end. */
    public enum Reason {
        /** The client closed the connection. */
        CLIENT_CLOSED,
        /** The agent ended the conversation ({@link AgentSession#end(String)}). */
        AGENT_ENDED,
        /** The client stopped answering heartbeats or stayed idle too long. */
        TIMEOUT,
        /** The client broke the protocol or the connection failed. */
        ERROR,
        /** The server is shutting down. */
        SERVER_SHUTDOWN
    }
}
