package dev.parley.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @VoiceAgent} class as declared, before any judgement.
 *
 * @param type       the class
 * @param annotation its {@code @VoiceAgent} mirror, for errors pointing at attributes
 * @param id         {@code id()}
 * @param dialects   {@code dialects()}
 * @param greeting   {@code greeting()}
 * @param access     the name of the {@code access()} constant
 * @param handlers   every handler method, duplicates included
 */
public record AgentModel(TypeElement type, AnnotationMirror annotation, String id, List<String> dialects,
                         String greeting, String access, List<HandlerModel> handlers) {

    /** The binary-ish name generated classes are prefixed with: {@code Outer_Inner}. */
    public String generatedPrefix() {
        String qualified = type.getQualifiedName().toString();
        String packageName = packageName();
        String nested = packageName.isEmpty() ? qualified : qualified.substring(packageName.length() + 1);
        return nested.replace('.', '_');
    }

    /** False only when the agent's audio handler is declared {@code @OnAudio(blocking = false)}. */
    public boolean audioHandlerBlocks() {
        return handlers.stream().filter(handler -> handler.spec() == HandlerSpec.AUDIO).allMatch(HandlerModel::blocking);
    }

    public String packageName() {
        var enclosing = type.getEnclosingElement();
        while (!(enclosing instanceof javax.lang.model.element.PackageElement)) {
            enclosing = enclosing.getEnclosingElement();
        }
        return ((javax.lang.model.element.PackageElement) enclosing).getQualifiedName().toString();
    }
}
