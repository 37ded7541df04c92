package dev.parley.processor;

import dev.parley.processor.model.AgentModel;
import dev.parley.processor.model.HandlerSpec;
import dev.parley.processor.model.ModelReader;
import dev.parley.processor.validation.AgentClassRules;
import dev.parley.processor.validation.AgentIdRules;
import dev.parley.processor.validation.Diagnostics;
import dev.parley.processor.validation.HandlerRules;
import dev.parley.processor.validation.Message;
import dev.parley.processor.writing.DescriptorWriter;
import dev.parley.processor.writing.InvokerWriter;
import dev.parley.processor.writing.ServiceFileWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Checks every {@code @VoiceAgent} class against the rules in the API's Javadoc and, for each class
 * without errors, generates its invoker and descriptor and lists the descriptor in
 * {@code META-INF/services}. Like AutoValue, it reports every error of a class before skipping it.
 */
public final class VoiceAgentProcessor extends AbstractProcessor {
    /** Extra dialect ids (comma separated) for custom dialects. */
    public static final String DIALECTS_OPTION = "parley.dialects";
    private static final List<String> BUILT_IN_DIALECTS = List.of("xuna", "playai", "nextevi", "xrx", "amigo");

    private ModelReader reader;
    private Diagnostics diagnostics;
    private AgentClassRules classRules;
    private AgentIdRules idRules;
    private HandlerRules handlerRules;
    private final InvokerWriter invokerWriter = new InvokerWriter();
    private final DescriptorWriter descriptorWriter = new DescriptorWriter();
    private final Set<String> descriptors = new LinkedHashSet<>();

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
        super.init(environment);
        reader = new ModelReader(environment);
        diagnostics = new Diagnostics(environment.getMessager());
        classRules = new AgentClassRules(diagnostics, environment.getElementUtils());
        idRules = new AgentIdRules(diagnostics, reader, knownDialects(environment));
        handlerRules = new HandlerRules(diagnostics, environment.getTypeUtils(), environment.getElementUtils());
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        Set<String> names = new LinkedHashSet<>();
        names.add(ModelReader.VOICE_AGENT);
        for (HandlerSpec spec : HandlerSpec.values()) {
            names.add(spec.annotationName());
        }
        return names;
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(DIALECTS_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement voiceAgent = processingEnv.getElementUtils().getTypeElement(ModelReader.VOICE_AGENT);
        if (voiceAgent != null) {
            for (Element element : round.getElementsAnnotatedWith(voiceAgent)) {
                processAgent((TypeElement) element);
            }
        }
        reportHandlersOutsideAgents(round);
        if (round.processingOver() && !descriptors.isEmpty()) {
            writeServiceFile();
        }
        return false;
    }

    private void processAgent(TypeElement type) {
        int errorsBefore = diagnostics.errorCount();
        if (!classRules.check(type)) {
            return;
        }
        AgentModel agent = reader.read(type);
        idRules.check(agent);
        handlerRules.check(agent);
        if (diagnostics.errorCount() == errorsBefore) {
            try {
                invokerWriter.write(agent).writeTo(processingEnv.getFiler());
                descriptorWriter.write(agent).writeTo(processingEnv.getFiler());
                descriptors.add(DescriptorWriter.binaryName(agent));
            } catch (IOException e) {
                processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                        "Parley could not write the generated classes of " + type.getQualifiedName() + ": " + e.getMessage(), type);
            }
        }
    }

    private void reportHandlersOutsideAgents(RoundEnvironment round) {
        for (HandlerSpec spec : HandlerSpec.values()) {
            TypeElement annotation = processingEnv.getElementUtils().getTypeElement(spec.annotationName());
            if (annotation == null) {
                continue;
            }
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                Element owner = element.getEnclosingElement();
                if (ModelReader.annotation(owner, ModelReader.VOICE_AGENT).isEmpty()) {
                    diagnostics.error(element, Message.HANDLER_OUTSIDE_AGENT, spec.annotationDisplay(),
                            element.getSimpleName() + "(" + (((ExecutableElement) element).getParameters().isEmpty() ? "" : "...") + ")",
                            ((TypeElement) owner).getQualifiedName(),
                            ((TypeElement) owner).getQualifiedName() + "#" + element.getSimpleName() + "()");
                }
            }
        }
    }

    private void writeServiceFile() {
        try {
            new ServiceFileWriter(processingEnv.getFiler()).write(descriptors);
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "Parley could not write META-INF/services/dev.parley.api.spi.AgentDescriptor: " + e.getMessage());
        }
    }

    private static List<String> knownDialects(ProcessingEnvironment environment) {
        List<String> known = new ArrayList<>(BUILT_IN_DIALECTS);
        String extra = environment.getOptions().get(DIALECTS_OPTION);
        if (extra != null) {
            Arrays.stream(extra.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(known::add);
        }
        return known;
    }
}
