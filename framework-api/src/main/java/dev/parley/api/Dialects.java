package dev.parley.api;

/**
 * Ids of the dialects that ship with Parley, for {@link VoiceAgent#dialects()}.
 * A custom dialect chooses its own id and makes it known to the processor with
 * {@code -Aparley.dialects=myid}.
 */
public final class Dialects {
    /** The ElevenLabs Agents (ConvAI) protocol, as used by {@code @elevenlabs/client}. */
    public static final String XUNA = "xuna";
    /** The PlayAI agent protocol, as used by {@code @play-ai/agent-web-sdk}. */
    public static final String PLAYAI = "playai";
    /** The NextEVI voice protocol, as used by {@code @nextevi/voice-react}. */
    public static final String NEXTEVI = "nextevi";
    /** The xRx protocol. */
    public static final String XRX = "xrx";
    /** The Amigo protocol. */
    public static final String AMIGO = "amigo";

    private Dialects() {
    }
}
