# Runtime image of ecs-bluegreen-operator.
#
# Build the shaded jar first, then the image from the repository root:
#   mvn -B -pl operator -am package -DskipTests
#   docker build -t ghcr.io/ecs-bluegreen/ecs-bluegreen-operator:0.1.0 .
# There is no build stage: the jar comes from the Maven build, so the image holds only a JRE and it.
FROM eclipse-temurin:17-jre

LABEL org.opencontainers.image.title="ecs-bluegreen-operator" \
      org.opencontainers.image.description="Kubernetes operator for AWS CodeDeploy blue/green deployments of ECS services"

WORKDIR /app
# Exactly one jar must match (the shaded one); .dockerignore keeps everything else out of the context.
COPY operator/target/ecs-bluegreen-operator-*.jar /app/ecs-bluegreen-operator.jar

# The Helm chart runs the pod as this user with a read-only root filesystem and /tmp as an emptyDir.
USER 65532:65532
EXPOSE 8080

ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/ecs-bluegreen-operator.jar"]
CMD ["run"]
