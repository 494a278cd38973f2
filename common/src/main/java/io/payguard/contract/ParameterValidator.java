package io.payguard.contract;

import io.vertx.core.Vertx;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.RequestValidatorImpl;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;

import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * vertx-openapi's parameter validation with each parameter's schema validator built once. The library
 * builds a new one for every parameter of every request, which was half of the validation cost of a
 * {@code GET /payments/{id}}. A valid value takes the same steps as in the library (its transformer, its
 * schema); an absent or invalid one is handed to the library as it is, so the verdict and the exception
 * stay exactly the library's.
 */
final class ParameterValidator extends RequestValidatorImpl {

  private final Map<Style, ParameterTransformer> transformers = new EnumMap<>(Style.class);
  /** Built once, read only afterwards: safe to share between event loops. */
  private final Map<Parameter, Validator> validators = new IdentityHashMap<>();

  ParameterValidator(Vertx vertx, OpenAPIContract contract) {
    super(vertx, contract);
    transformers.put(Style.SIMPLE, new SimpleTransformer());
    transformers.put(Style.LABEL, new LabelTransformer());
    transformers.put(Style.MATRIX, new MatrixTransformer());
    transformers.put(Style.FORM, new FormTransformer());
    for (Operation operation : contract.operations()) {
      for (Parameter parameter : operation.getParameters()) {
        validators.put(parameter, contract.getSchemaRepository().validator(parameter.getSchema()));
      }
    }
  }

  @Override
  public RequestParameter validateParameter(Parameter parameter, RequestParameter value) throws ValidatorException {
    ParameterTransformer transformer = transformers.get(parameter.getStyle());
    Validator validator = validators.get(parameter);
    if (value == null || value.isNull() || transformer == null || validator == null) {
      return super.validateParameter(parameter, value);
    }
    Object transformed = transformer.transform(parameter, String.valueOf(value.get()));
    OutputUnit result = validator.validate(transformed);
    return Boolean.TRUE.equals(result.getValid()) ? new RequestParameterImpl(transformed)
      : super.validateParameter(parameter, value);
  }
}
