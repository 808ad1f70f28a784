package com.orderplatform.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests under {@code deploy/}: every document parses into Fabric8's typed model with no field the
 * model does not know (a misspelt field fails here, as the API server would refuse it), every reference between them
 * resolves, the probes ask the application's health groups, every environment variable is one the application
 * reads, the gateway sends each request to the role that serves it, and the example overlay only names what the
 * base has. Where {@code kubectl} is installed, its kustomize must build the overlay into the same kinds of objects.
 */
class DeploymentManifestsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Path APPLICATION_YML = Path.of("src", "main", "resources", "application.yml");
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private static List<HasMetadata> base;

    @BeforeAll
    static void parseBase() throws IOException {
        base = resources(DEPLOY.resolve("base"));
    }

    @Test
    void everyDocumentIsATypedObjectWithoutUnknownFields() {
        assertThat(base).extracting(HasMetadata::getKind).contains("ConfigMap", "Deployment", "Service",
                "HorizontalPodAutoscaler", "PodDisruptionBudget", "Gateway", "HTTPRoute");
        for (HasMetadata resource : base) {
            assertThat(resource.getMetadata().getName()).as(resource.getKind()).isNotBlank();
            if (resource instanceof GenericKubernetesResource generic) {
                // Only the implementation's own policy is outside the model; its shape is checked by hand.
                assertThat(generic.getKind()).isEqualTo("BackendTrafficPolicy");
                assertThat(generic.getApiVersion()).isEqualTo("gateway.envoyproxy.io/v1alpha1");
                continue;
            }
            assertThat(unknownFields(resource, "", new IdentityHashMap<>())).as(resource.getKind() + " "
                    + resource.getMetadata().getName()).isEmpty();
        }
    }

    @Test
    void eachRoleHasADeploymentWhosePodsProbeTheHealthGroupsAndShutDownInTime() throws IOException {
        String config = Files.readString(APPLICATION_YML);
        assertThat(config).contains("probes:\n        enabled: true");
        List<Deployment> deployments = all(Deployment.class);
        assertThat(deployments).extracting(d -> roles(container(d))).containsExactlyInAnyOrder("command,saga", "query");
        for (Deployment deployment : deployments) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(podLabels).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            Container app = container(deployment);
            Set<String> ports = app.getPorts().stream().map(p -> p.getName()).collect(Collectors.toSet());
            assertProbe(app.getReadinessProbe(), "/actuator/health/readiness", ports);
            assertProbe(app.getLivenessProbe(), "/actuator/health/liveness", ports);
            assertProbe(app.getStartupProbe(), "/actuator/health/liveness", ports);
            long shutdownPhase = argument(app, "--spring.lifecycle.timeout-per-shutdown-phase=(\\d+)s")
                    .map(Long::parseLong).orElseThrow();
            assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                    .as("the kubelet waits longer than the graceful shutdown").isGreaterThan(shutdownPhase);
            for (EnvFromSource source : app.getEnvFrom()) {
                if (source.getConfigMapRef() != null) {
                    assertThat(named(base, "ConfigMap", source.getConfigMapRef().getName())).isPresent();
                }
            }
        }
        // A query pod stays ready without Redis; a command pod needs its lease, the database and Redis.
        assertThat(argument(container(deployment("orders-query")), "--management.endpoint.health.group.readiness"
                + ".include=(.+)")).contains("readinessState,db");
        assertThat(config).contains("include: readinessState,db,redis,idGenerator");
    }

    @Test
    void servicesAutoscalerAndBudgetsPointAtTheDeployments() {
        for (Service service : all(Service.class)) {
            Deployment target = all(Deployment.class).stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(service.getSpec().getSelector().entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError("no pods for service " + name(service)));
            Set<String> ports = container(target).getPorts().stream().map(p -> p.getName()).collect(Collectors.toSet());
            service.getSpec().getPorts().forEach(port -> assertThat(ports).contains(port.getTargetPort().getStrVal()));
        }
        HorizontalPodAutoscaler autoscaler = all(HorizontalPodAutoscaler.class).get(0);
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo("orders-command");
        assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(all(PodDisruptionBudget.class)).hasSize(2).allSatisfy(budget -> assertThat(all(Deployment.class))
                .anySatisfy(d -> assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                        .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels())));
    }

    @Test
    void everyEnvironmentVariableIsOneTheApplicationReads() throws IOException {
        String config = Files.readString(APPLICATION_YML);
        Set<String> keys = new java.util.TreeSet<>(named(base, "ConfigMap", "orders-config").map(c ->
                ((io.fabric8.kubernetes.api.model.ConfigMap) c).getData().keySet()).orElseThrow());
        keys.addAll(envFile(DEPLOY.resolve("overlays/example/secrets.env")).keySet());
        for (String key : keys) {
            boolean spring = key.equals("SPRING_PROFILES_ACTIVE") || key.equals("JAVA_TOOL_OPTIONS");
            assertThat(spring || config.contains("${" + key + ":")).as(key + " is read by application.yml").isTrue();
        }
    }

    @Test
    void theGatewaySendsEveryRequestToTheRoleThatServesIt() {
        HTTPRoute route = all(HTTPRoute.class).get(0);
        Gateway gateway = all(Gateway.class).get(0);
        assertThat(route.getSpec().getParentRefs()).extracting(ref -> ref.getName()).containsExactly(name(gateway));
        Set<String> services = all(Service.class).stream().map(DeploymentManifestsTest::name).collect(Collectors.toSet());
        route.getSpec().getRules().forEach(rule -> rule.getBackendRefs().forEach(ref -> {
            assertThat(services).contains(ref.getName());
            assertThat(ref.getPort()).isEqualTo(80);
        }));
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("POST /api/orders", "orders-command");
        expected.put("GET /api/orders", "orders-query");
        expected.put("GET /api/orders/254173365498339328", "orders-query");
        expected.put("GET /api/orders/254173365498339328/stream", "orders-query");
        expected.put("POST /api/orders/254173365498339328/cancel", "orders-command");
        expected.put("POST /api/orders/254173365498339328/ship", "orders-command");
        expected.put("POST /api/orders/254173365498339328/complete", "orders-command");
        expected.put("GET /api/products/SKU-1", "orders-query");
        expected.put("PUT /api/admin/products/SKU-1", "orders-command");
        expected.put("POST /api/admin/products/SKU-1/restock", "orders-command");
        expected.put("GET /api/dashboard/summary", "orders-query");
        expected.put("GET /dashboard", "orders-query");
        expected.put("GET /api/admin/gate/reconciliation", "orders-command");
        expected.put("POST /api/admin/gate/SKU-1/rebuild", "orders-command");
        expected.put("GET /api/admin/sagas", "orders-command");
        expected.put("POST /api/admin/sagas/254173365498339328/redrive", "orders-command");
        expected.put("GET /api/admin/orders/254173365498339328/events", "orders-command");
        expected.put("GET /api/admin/processors/order-view/dead-letters", "orders-query");
        expected.put("POST /api/admin/processors/product-view/replay", "orders-query");
        expected.put("POST /api/admin/processors/order-saga/replay", "orders-command");
        expected.put("GET /api/admin/audit", "orders-command");
        expected.forEach((request, service) -> {
            String[] parts = request.split(" ");
            assertThat(backend(route, parts[0], parts[1])).as(request).contains(service);
        });
        GenericKubernetesResource limit = (GenericKubernetesResource) named(base, "BackendTrafficPolicy",
                "orders-rate-limit").orElseThrow();
        assertThat(limit.get("spec", "targetRefs", 0, "name").toString()).isEqualTo(name(route));
        assertThat(((Number) limit.get("spec", "rateLimit", "local", "rules", 0, "limit", "requests")).intValue())
                .isPositive();
    }

    @Test
    void theExampleOverlayNamesOnlyWhatTheBaseHas() throws IOException {
        Path overlay = DEPLOY.resolve("overlays/example");
        Map<String, Object> kustomization = yaml(overlay.resolve("kustomization.yaml"));
        for (Object resource : list(kustomization.get("resources"))) {
            assertThat(overlay.resolve(resource.toString()).resolve("kustomization.yaml")).exists();
        }
        Set<String> images = all(Deployment.class).stream().map(d -> container(d).getImage()).collect(Collectors.toSet());
        list(kustomization.get("images")).forEach(image -> assertThat(images).contains(map(image).get("name").toString()));
        list(kustomization.get("replicas")).forEach(r -> assertThat(named(base, "Deployment",
                map(r).get("name").toString())).isPresent());
        list(kustomization.get("configMapGenerator")).forEach(g -> assertThat(named(base, "ConfigMap",
                map(g).get("name").toString())).isPresent());
        Set<String> secretsUsed = all(Deployment.class).stream().flatMap(d -> container(d).getEnvFrom().stream())
                .filter(source -> source.getSecretRef() != null).map(source -> source.getSecretRef().getName())
                .collect(Collectors.toSet());
        List<String> generated = list(kustomization.get("secretGenerator")).stream()
                .map(g -> map(g).get("name").toString()).toList();
        assertThat(generated).containsExactlyInAnyOrderElementsOf(secretsUsed);
        list(kustomization.get("secretGenerator")).forEach(g -> list(map(g).get("envs"))
                .forEach(file -> assertThat(overlay.resolve(file.toString())).exists()));
    }

    @Test
    void kubectlBuildsTheOverlayWhereItIsInstalled() throws Exception {
        Optional<Path> kubectl = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(path -> java.util.Arrays.stream(path.split(":")))
                .map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(kubectl.isPresent(), "kubectl is not installed here");
        Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize",
                DEPLOY.resolve("overlays/example").toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        List<HasMetadata> built = documents(output);
        assertThat(built).extracting(HasMetadata::getKind).containsAll(base.stream().map(HasMetadata::getKind).toList())
                .contains("Secret");
        assertThat(built).allSatisfy(resource -> assertThat(resource.getMetadata().getNamespace()).isEqualTo("orders"));
    }

    /** Gateway API precedence, as far as these routes need it: exact path, then longest prefix, then a method. */
    private static Optional<String> backend(HTTPRoute route, String method, String path) {
        record Candidate(HTTPRouteRule rule, HTTPRouteMatch match) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (HTTPRouteRule rule : route.getSpec().getRules()) {
            for (HTTPRouteMatch match : rule.getMatches()) {
                String value = match.getPath().getValue();
                boolean pathMatches = switch (match.getPath().getType()) {
                    case "Exact" -> path.equals(value);
                    case "PathPrefix" -> path.equals(value) || path.startsWith(value.endsWith("/") ? value : value + "/");
                    default -> throw new AssertionError("unexpected path type " + match.getPath().getType());
                };
                if (pathMatches && (match.getMethod() == null || match.getMethod().equals(method))) {
                    candidates.add(new Candidate(rule, match));
                }
            }
        }
        return candidates.stream().min(Comparator
                        .comparing((Candidate c) -> !c.match().getPath().getType().equals("Exact"))
                        .thenComparing(c -> -c.match().getPath().getValue().length())
                        .thenComparing(c -> c.match().getMethod() == null))
                .map(c -> c.rule().getBackendRefs().get(0).getName());
    }

    private static void assertProbe(Probe probe, String path, Set<String> ports) {
        assertThat(probe).as(path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(ports).contains(probe.getHttpGet().getPort().getStrVal());
    }

    private static String roles(Container container) {
        return argument(container, "--orders.roles=(.+)").orElseThrow();
    }

    private static Optional<String> argument(Container container, String pattern) {
        Pattern compiled = Pattern.compile(pattern);
        return container.getArgs().stream().map(compiled::matcher).filter(Matcher::matches).map(m -> m.group(1))
                .findFirst();
    }

    private static Container container(Deployment deployment) {
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Deployment deployment(String name) {
        return (Deployment) named(base, "Deployment", name).orElseThrow();
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return base.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Optional<HasMetadata> named(List<HasMetadata> resources, String kind, String name) {
        return resources.stream().filter(r -> r.getKind().equals(kind) && name(r).equals(name)).findFirst();
    }

    private static String name(HasMetadata resource) {
        return resource.getMetadata().getName();
    }

    /** The files a kustomization lists, parsed. */
    private static List<HasMetadata> resources(Path dir) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        for (Object file : list(yaml(dir.resolve("kustomization.yaml")).get("resources"))) {
            resources.addAll(documents(Files.readString(dir.resolve(file.toString()))));
        }
        return resources;
    }

    private static List<HasMetadata> documents(String text) {
        List<HasMetadata> documents = new ArrayList<>();
        for (String document : text.split("(?m)^---\\s*$")) {
            if (!document.lines().allMatch(line -> line.isBlank() || line.stripLeading().startsWith("#"))) {
                documents.add(KUBERNETES.unmarshal(document, HasMetadata.class));
            }
        }
        return documents;
    }

    /** Paths of fields the typed model did not recognise (kept aside in its additional properties). */
    private static List<String> unknownFields(Object object, String path, Map<Object, Boolean> seen) {
        List<String> unknown = new ArrayList<>();
        if (object == null || seen.put(object, true) != null) {
            return unknown;
        }
        if (object instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknown.addAll(unknownFields(item, path + "[" + i++ + "]", seen));
            }
            return unknown;
        }
        if (object instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> unknown.addAll(unknownFields(value, path + "." + key, seen)));
            return unknown;
        }
        if (!object.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return unknown;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(object);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
            } else {
                unknown.addAll(unknownFields(value, path + "." + getter.getName().substring(3), seen));
            }
        }
        return unknown;
    }

    private static Map<String, String> envFile(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    private static List<Object> list(Object value) {
        return value == null ? List.of() : ((List<?>) value).stream().map(Objects::requireNonNull)
                .map(Object.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
