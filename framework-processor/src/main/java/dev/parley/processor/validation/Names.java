package dev.parley.processor.validation;

import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** How messages name elements: {@code com.acme.Agent#answer()}. */
final class Names {
    private Names() {
    }

    static String of(ExecutableElement method) {
        return ((TypeElement) method.getEnclosingElement()).getQualifiedName() + "#" + method.getSimpleName() + "()";
    }
}
