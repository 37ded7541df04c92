package dev.parley.processor.validation;

import dev.parley.processor.model.ModelReader;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/** Can Parley create and call the agent class? */
public final class AgentClassRules {
    private static final String INJECT = "jakarta.inject.Inject";

    private final Diagnostics diagnostics;
    private final Elements elements;

    public AgentClassRules(Diagnostics diagnostics, Elements elements) {
        this.diagnostics = diagnostics;
        this.elements = elements;
    }

    /** Checks {@code type}; returns false if it is not a class at all (nothing else is worth checking). */
    public boolean check(TypeElement type) {
        String name = type.getQualifiedName().toString();
        if (type.getKind() != ElementKind.CLASS) {
            diagnostics.error(type, Message.AGENT_NOT_A_CLASS, name, article(type.getKind()));
            return false;
        }
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            diagnostics.error(type, Message.AGENT_ABSTRACT, name);
        }
        if (type.getModifiers().contains(Modifier.PRIVATE)) {
            diagnostics.error(type, Message.AGENT_PRIVATE, name);
        }
        for (Element enclosing = type.getEnclosingElement(); enclosing instanceof TypeElement outer;
                enclosing = outer.getEnclosingElement()) {
            if (outer.getModifiers().contains(Modifier.PRIVATE)) {
                String outerName = outer.getQualifiedName().toString();
                diagnostics.error(type, Message.AGENT_IN_PRIVATE_CLASS, name, outerName, outerName);
            }
        }
        if (type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)) {
            diagnostics.error(type, Message.AGENT_INNER_CLASS, name);
        }
        if (!type.getTypeParameters().isEmpty()) {
            diagnostics.error(type, Message.AGENT_GENERIC, name);
        }
        if (!hasUsableConstructor(type)) {
            diagnostics.error(type, Message.AGENT_NO_CONSTRUCTOR, name);
        }
        return true;
    }

    /** Whether the class has a non-private no-argument constructor the generated descriptor can call. */
    public static boolean hasNoArgConstructor(TypeElement type) {
        return noArgConstructor(type).isPresent();
    }

    /** The non-private no-argument constructor the generated descriptor can call, if any. */
    public static Optional<ExecutableElement> noArgConstructor(TypeElement type) {
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (constructor.getParameters().isEmpty() && !constructor.getModifiers().contains(Modifier.PRIVATE)) {
                return Optional.of(constructor);
            }
        }
        return Optional.empty();
    }

    /**
     * A no-argument constructor, or one marked @Inject. The implicit constructor of a private class is private
     * too, but it is not the user's to fix: AGENT_PRIVATE already asks for a non-private class, which fixes both.
     */
    private boolean hasUsableConstructor(TypeElement type) {
        if (hasNoArgConstructor(type)) {
            return true;
        }
        for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
            if (ModelReader.annotation(constructor, INJECT).isPresent()
                    || constructor.getParameters().isEmpty() && elements.getOrigin(constructor) == Elements.Origin.MANDATED) {
                return true;
            }
        }
        return false;
    }

    private static String article(ElementKind kind) {
        String word = kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return (word.matches("^[aeiou].*") ? "an " : "a ") + word;
    }
}
