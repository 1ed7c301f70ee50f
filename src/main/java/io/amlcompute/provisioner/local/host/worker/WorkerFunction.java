package io.amlcompute.provisioner.local.host.worker;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.OutputBinding;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.CustomBinding;
import com.microsoft.azure.functions.annotation.HasImplicitOutput;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A function as the Java worker loads it: its method and, for each parameter, where the worker takes the value
 * from. The worker classifies a parameter by its annotations alone ({@code broker/CoreTypeResolver.java},
 * {@code broker/ParameterResolver.java} at {@value JavaWorker#SOURCE}):
 * <ul>
 *   <li>a binding annotation ({@code com.microsoft.azure.functions.annotation.*} with a {@code name()}, or one
 *       meta-annotated {@code @CustomBinding}, as durabletask's are): the input named so;</li>
 *   <li>otherwise {@code @BindingName("X")}: trigger metadata X;</li>
 *   <li>otherwise the type: only {@code ExecutionContext} binds this way.</li>
 * </ul>
 *
 * @param returnTarget whether the worker sends a return value: the method returns something and function.json
 *                     declares {@code $return}, or a parameter's annotation has {@code @HasImplicitOutput(true)}
 */
public record WorkerFunction(String name, Method method, List<Param> parameters, boolean returnTarget) {

    public WorkerFunction {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        parameters = List.copyOf(parameters);
    }

    /** Where one parameter's value comes from. */
    public sealed interface Param {
        Type type();

        /** Annotated with a binding: the input (trigger or input binding) of this name. */
        record Input(String bindingName, Type type, Parameter parameter) implements Param {
        }

        /** {@code @BindingName}: the trigger metadata entry of this name. */
        record Metadata(String name, Type type) implements Param {
        }

        /** No binding annotation: resolved by type. */
        record ByType(Type type) implements Param {
        }
    }

    /**
     * Reads a method as the worker does.
     *
     * @param returnBindingDeclared whether function.json declares a {@code $return} output (the Maven plugin writes
     *                              one, {@code http}, for an HTTP-triggered method that returns a value)
     * @throws IllegalStateException for what the local host does not model ({@code OutputBinding} parameters)
     */
    public static WorkerFunction of(String name, Method method, boolean returnBindingDeclared) {
        List<Param> parameters = new ArrayList<>();
        boolean implicitOutput = false;
        for (Parameter parameter : method.getParameters()) {
            Type type = parameter.getParameterizedType();
            if (OutputBinding.class.isAssignableFrom(parameter.getType())) {
                throw new IllegalStateException("function " + name + ": OutputBinding parameters are not modelled by"
                        + " the local host");
            }
            implicitOutput |= hasImplicitOutput(parameter);
            String bindingName = bindingNameOf(parameter);
            BindingName metadata = parameter.getAnnotation(BindingName.class);
            if (bindingName != null && !bindingName.isEmpty()) {
                parameters.add(new Param.Input(bindingName, type, parameter));
            } else if (bindingName == null && metadata != null && !metadata.value().isEmpty()) {
                parameters.add(new Param.Metadata(metadata.value(), type));
            } else {
                parameters.add(new Param.ByType(type));
            }
        }
        boolean returns = method.getReturnType() != void.class && method.getReturnType() != Void.class;
        return new WorkerFunction(name, method, parameters, (returns && returnBindingDeclared) || implicitOutput);
    }

    /** The binding name of the first parameter carrying an annotation with this simple class name, else null. */
    String parameterNameAnnotated(String annotationSimpleName) {
        for (Param param : parameters) {
            if (param instanceof Param.Input input) {
                for (Annotation annotation : input.parameter().getAnnotations()) {
                    if (annotation.annotationType().getSimpleName().equals(annotationSimpleName)) {
                        return input.bindingName();
                    }
                }
            }
        }
        return null;
    }

    /** {@code CoreTypeResolver.getAnnotationName}: the {@code name()} of a binding annotation, else null. */
    private static String bindingNameOf(Parameter parameter) {
        String found = null;
        for (Annotation annotation : parameter.getAnnotations()) {
            Class<? extends Annotation> type = annotation.annotationType();
            boolean library = type.getName().startsWith("com.microsoft.azure.functions.annotation.");
            if (library || type.isAnnotationPresent(CustomBinding.class)) {
                String name = nameOf(annotation);
                if (name == null && !library) {
                    name = type.getAnnotation(CustomBinding.class).name();
                }
                if (name != null) {
                    found = name;
                }
            }
        }
        return found;
    }

    private static String nameOf(Annotation annotation) {
        try {
            return (String) annotation.annotationType().getMethod("name").invoke(annotation);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }

    private static boolean hasImplicitOutput(Parameter parameter) {
        for (Annotation annotation : parameter.getAnnotations()) {
            HasImplicitOutput implicit = annotation.annotationType().getAnnotation(HasImplicitOutput.class);
            if (implicit != null && implicit.value()) {
                return true;
            }
        }
        return false;
    }

    static boolean isExecutionContext(Type type) {
        return type == ExecutionContext.class;
    }
}
