package dev.ecsbluegreen.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Network configuration of the green task set (AppSpec NetworkConfiguration). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkConfiguration(
    @Required @JsonPropertyDescription("awsvpc subnets, security groups and public IP.")
        AwsVpcConfiguration awsvpcConfiguration) {

  /** Subnets and security groups of an awsvpc task. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = "self.subnets.all(s, s.matches('^subnet-[0-9a-f]{8,17}$'))",
      message = "subnets must be subnet IDs like subnet-0123456789abcdef0")
  @ValidationRule(
      value =
          "!has(self.securityGroups) || self.securityGroups.all(s, s.matches('^sg-[0-9a-f]{8,17}$'))",
      message = "securityGroups must be security group IDs like sg-0123456789abcdef0")
  public record AwsVpcConfiguration(
      @Required
          @JsonPropertyDescription("Subnet IDs (1 to 16), like subnet-0123456789abcdef0.")
          @Size(min = 1, max = Limits.SUBNETS)
          List<@Size(max = Limits.SUBNET_ID_LENGTH) String> subnets,
      @JsonPropertyDescription("Security group IDs (at most 5), like sg-0123456789abcdef0.")
          @Size(max = Limits.SECURITY_GROUPS)
          List<@Size(max = Limits.SECURITY_GROUP_ID_LENGTH) String> securityGroups,
      @JsonPropertyDescription("ENABLED or DISABLED (default).") AssignPublicIp assignPublicIp) {}

  /** Whether awsvpc tasks get a public IP. */
  public enum AssignPublicIp {
    ENABLED,
    DISABLED
  }
}
