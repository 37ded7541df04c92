package dev.parley.processor.validation;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Reports errors on elements and remembers whether any was reported. */
public final class Diagnostics {
    private final Messager messager;
    private int errors;

    public Diagnostics(Messager messager) {
        this.messager = messager;
    }

    public void error(Element element, Message message, Object... arguments) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element);
    }

    /** An error on one attribute of an annotation, so the caret points at the attribute. */
    public void error(Element element, AnnotationMirror annotation, AnnotationValue value, Message message,
                      Object... arguments) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(arguments), element, annotation, value);
    }

    public int errorCount() {
        return errors;
    }
}
