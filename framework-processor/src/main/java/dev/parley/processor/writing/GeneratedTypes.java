package dev.parley.processor.writing;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;

/** Names shared by the generated classes. */
final class GeneratedTypes {
    static final String API = "dev.parley.api";
    static final String SPI = "dev.parley.api.spi";
    static final ClassName AGENT_SESSION = ClassName.get(API, "AgentSession");
    static final ClassName REPLY = ClassName.get(SPI, "Reply");
    static final ClassName HANDLER = ClassName.get(SPI, "Handler");
    static final ClassName AGENT_INVOKER = ClassName.get(SPI, "AgentInvoker");
    static final ClassName AGENT_DESCRIPTOR = ClassName.get(SPI, "AgentDescriptor");
    static final ClassName VOICE_AGENT_ACCESS = ClassName.get(API, "VoiceAgent", "Access");

    /** {@code @Generated}, naming the processor, without a date so output is reproducible. */
    static final AnnotationSpec GENERATED = AnnotationSpec.builder(ClassName.get("javax.annotation.processing", "Generated"))
            .addMember("value", "$S", "dev.parley.processor.VoiceAgentProcessor")
            .build();

    private GeneratedTypes() {
    }
}
