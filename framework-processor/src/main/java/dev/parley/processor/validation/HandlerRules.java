package dev.parley.processor.validation;

import dev.parley.processor.model.AgentModel;
import dev.parley.processor.model.HandlerModel;
import dev.parley.processor.model.HandlerSpec;
import dev.parley.processor.model.ParameterKind;
import dev.parley.processor.model.ReturnKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Can Parley call each handler, and supply what it asks for and use what it returns? */
public final class HandlerRules {
    private final Diagnostics diagnostics;
    private final Types types;
    private final Elements elements;

    public HandlerRules(Diagnostics diagnostics, Types types, Elements elements) {
        this.diagnostics = diagnostics;
        this.types = types;
        this.elements = elements;
    }

    public void check(AgentModel agent) {
        Map<HandlerSpec, HandlerModel> first = new EnumMap<>(HandlerSpec.class);
        Map<ExecutableElement, HandlerModel> byMethod = new HashMap<>();
        for (HandlerModel handler : agent.handlers()) {
            HandlerModel sameMethod = byMethod.putIfAbsent(handler.method(), handler);
            if (sameMethod != null) {
                diagnostics.error(handler.method(), Message.HANDLER_TWO_ANNOTATIONS, Names.of(handler.method()),
                        sameMethod.spec().annotationDisplay(), handler.spec().annotationDisplay());
                continue;
            }
            HandlerModel earlier = first.putIfAbsent(handler.spec(), handler);
            if (earlier != null) {
                diagnostics.error(handler.method(), Message.HANDLER_DUPLICATE, handler.spec().annotationDisplay(),
                        agent.type().getQualifiedName(), earlier.display(), handler.display());
            }
            checkMethod(handler);
        }
    }

    private void checkMethod(HandlerModel handler) {
        ExecutableElement method = handler.method();
        String annotation = handler.spec().annotationDisplay();
        String where = Names.of(method);
        if (method.getModifiers().contains(Modifier.PRIVATE)) {
            diagnostics.error(method, Message.HANDLER_PRIVATE, annotation, handler.display(), where);
        }
        if (method.getModifiers().contains(Modifier.STATIC)) {
            diagnostics.error(method, Message.HANDLER_STATIC, annotation, handler.display(), where);
        }
        if (!method.getTypeParameters().isEmpty()) {
            diagnostics.error(method, Message.HANDLER_GENERIC, annotation, handler.display(), where);
        }
        TypeMirror exception = elements.getTypeElement("java.lang.Exception").asType();
        for (TypeMirror thrown : method.getThrownTypes()) {
            if (!types.isAssignable(thrown, exception) && !isUnchecked(thrown)) {
                diagnostics.error(method, Message.HANDLER_THROWS_THROWABLE, annotation, handler.display(), thrown, where);
            }
        }
        checkParameters(handler, annotation, where);
        checkReturn(handler, annotation, where);
    }

    private boolean isUnchecked(TypeMirror thrown) {
        return types.isAssignable(thrown, elements.getTypeElement("java.lang.Error").asType());
    }

    private void checkParameters(HandlerModel handler, String annotation, String where) {
        Set<ParameterKind> seen = new HashSet<>();
        for (int i = 0; i < handler.parameters().size(); i++) {
            var parameter = handler.parameter(i);
            var kind = handler.parameters().get(i);
            if (kind.isEmpty()) {
                diagnostics.error(parameter, Message.PARAMETER_NOT_ALLOWED, parameter.getSimpleName(), parameter.asType(),
                        annotation, handler.display(), allowedParameters(handler.spec()), where);
            } else if (!seen.add(kind.get())) {
                diagnostics.error(parameter, Message.PARAMETER_REPEATED, annotation, handler.display(),
                        kind.get().simpleTypeName(), parameter.getSimpleName(), where);
            }
        }
    }

    private void checkReturn(HandlerModel handler, String annotation, String where) {
        var returnKind = handler.returnKind();
        TypeMirror declared = handler.method().getReturnType();
        if (!handler.spec().producesReply()) {
            if (returnKind.isEmpty() || returnKind.get() != ReturnKind.VOID) {
                diagnostics.error(handler.method(), Message.RETURN_NOT_VOID, annotation, handler.display(), declared,
                        annotation, where);
            }
        } else if (returnKind.isEmpty()) {
            String allowed = handler.spec().returns().stream().map(ReturnKind::display).collect(Collectors.joining(", "));
            diagnostics.error(handler.method(), Message.RETURN_NOT_ALLOWED, annotation, handler.display(), declared,
                    allowed.replaceAll(", ([^,]*)$", " or $1"), where);
        }
    }

    private static String allowedParameters(HandlerSpec spec) {
        return spec.parameters().stream().map(ParameterKind::simpleTypeName).collect(Collectors.joining(", "));
    }
}
