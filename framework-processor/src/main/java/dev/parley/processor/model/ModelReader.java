package dev.parley.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads a {@code @VoiceAgent} class into an {@link AgentModel}, classifying without judging. */
public final class ModelReader {
    public static final String VOICE_AGENT = "dev.parley.api.VoiceAgent";

    private final Types types;
    private final Elements elements;

    public ModelReader(ProcessingEnvironment environment) {
        this.types = environment.getTypeUtils();
        this.elements = environment.getElementUtils();
    }

    public AgentModel read(TypeElement type) {
        AnnotationMirror annotation = annotation(type, VOICE_AGENT).orElseThrow();
        List<HandlerModel> handlers = new ArrayList<>();
        for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
            for (HandlerSpec spec : HandlerSpec.values()) {
                if (annotation(method, spec.annotationName()).isPresent()) {
                    handlers.add(handler(spec, method));
                }
            }
        }
        return new AgentModel(type, annotation, stringValue(annotation, "id"), stringValues(annotation, "dialects"),
                stringValue(annotation, "greeting"), enumValue(annotation, "access"), handlers);
    }

    private HandlerModel handler(HandlerSpec spec, ExecutableElement method) {
        List<Optional<ParameterKind>> kinds = new ArrayList<>();
        for (VariableElement parameter : method.getParameters()) {
            kinds.add(parameterKind(spec, parameter.asType()));
        }
        boolean blocking = spec != HandlerSpec.AUDIO
                || !Boolean.FALSE.equals(value(annotation(method, spec.annotationName()).orElseThrow(), "blocking").getValue());
        return new HandlerModel(spec, method, kinds, returnKind(method.getReturnType()), blocking);
    }

    /** The allowed kind the parameter's type matches; a String is TEXT only where the handler offers text. */
    private Optional<ParameterKind> parameterKind(HandlerSpec spec, TypeMirror type) {
        for (ParameterKind kind : spec.parameters()) {
            if (kind.matches(type, types, elements)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private Optional<ReturnKind> returnKind(TypeMirror type) {
        if (type.getKind() == TypeKind.VOID) {
            return Optional.of(ReturnKind.VOID);
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return Optional.empty();
        }
        if (types.isAssignable(type, declared("java.lang.CharSequence"))) {
            return Optional.of(ReturnKind.TEXT);
        }
        if (yieldsText(type, "java.util.concurrent.CompletionStage")) {
            return Optional.of(ReturnKind.LATER);
        }
        if (yieldsText(type, "java.util.stream.Stream")) {
            return Optional.of(ReturnKind.STREAM);
        }
        if (yieldsText(type, "java.util.concurrent.Flow.Publisher")) {
            return Optional.of(ReturnKind.PUBLISHER);
        }
        return Optional.empty();
    }

    /** Whether {@code type} is, or extends, {@code generic<X>} with X a CharSequence. */
    private boolean yieldsText(TypeMirror type, String generic) {
        TypeElement genericElement = elements.getTypeElement(generic);
        if (types.isSameType(types.erasure(type), types.erasure(genericElement.asType()))) {
            List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
            return arguments.size() == 1 && types.isAssignable(upperBound(arguments.get(0)), declared("java.lang.CharSequence"));
        }
        for (TypeMirror supertype : types.directSupertypes(type)) {
            if (yieldsText(supertype, generic)) {
                return true;
            }
        }
        return false;
    }

    private TypeMirror upperBound(TypeMirror argument) {
        if (argument.getKind() == TypeKind.WILDCARD) {
            TypeMirror bound = ((javax.lang.model.type.WildcardType) argument).getExtendsBound();
            return bound == null ? declared("java.lang.Object") : bound;
        }
        return argument;
    }

    private TypeMirror declared(String name) {
        return elements.getTypeElement(name).asType();
    }

    public static Optional<AnnotationMirror> annotation(javax.lang.model.element.Element element, String name) {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
                return Optional.of(mirror);
            }
        }
        return Optional.empty();
    }

    /** The annotation attribute's value as written, or its default. */
    public AnnotationValue value(AnnotationMirror annotation, String name) {
        for (var entry : elements.getElementValuesWithDefaults(annotation).entrySet()) {
            if (entry.getKey().getSimpleName().contentEquals(name)) {
                return entry.getValue();
            }
        }
        throw new IllegalArgumentException("no attribute " + name);
    }

    private String stringValue(AnnotationMirror annotation, String name) {
        Object value = value(annotation, name).getValue();
        return value instanceof String text ? text : "";
    }

    private List<String> stringValues(AnnotationMirror annotation, String name) {
        List<String> values = new ArrayList<>();
        Object value = value(annotation, name).getValue();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                Object single = ((AnnotationValue) item).getValue();
                values.add(single instanceof String text ? text : String.valueOf(single));
            }
        }
        return values;
    }

    private String enumValue(AnnotationMirror annotation, String name) {
        Object value = value(annotation, name).getValue();
        return value instanceof VariableElement constant && constant.getKind() == ElementKind.ENUM_CONSTANT
                ? constant.getSimpleName().toString() : "PUBLIC";
    }
}
