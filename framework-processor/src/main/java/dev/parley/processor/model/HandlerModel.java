package dev.parley.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * One handler method as declared.
 *
 * @param spec       which handler annotation it carries
 * @param method     the method
 * @param parameters the kind of each parameter, in order; empty where no kind matches
 * @param returnKind the kind of its result; empty where none matches
 * @param blocking   {@code @OnAudio(blocking = ...)}; true for every other handler
 */
public record HandlerModel(HandlerSpec spec, ExecutableElement method, List<Optional<ParameterKind>> parameters,
                           Optional<ReturnKind> returnKind, boolean blocking) {

    public VariableElement parameter(int index) {
        return method.getParameters().get(index);
    }

    /** {@code answer(...)}, as messages name the method. */
    public String display() {
        return method.getSimpleName() + "(" + (method.getParameters().isEmpty() ? "" : "...") + ")";
    }
}
