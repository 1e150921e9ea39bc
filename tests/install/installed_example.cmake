# The core as another project uses it: install the build into a fresh prefix, configure and build
# examples/ against it with find_package(FlowScope), run the example and require a trained KL.
# ctest runs it as test_installed_example:
#   cmake -DBUILD=<build> -DSOURCE=<src> -DWORK=<scratch> -DCXX=<compiler> -P installed_example.cmake
foreach(var BUILD SOURCE WORK CXX)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "installed_example.cmake needs -D${var}=…")
  endif()
endforeach()

function(run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${step} failed (${rc}):\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK})
set(prefix ${WORK}/prefix)
run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix})
foreach(f include/flowscope/train/trainer_2d.h include/flowscope/glow/glow_model.h
          lib/cmake/FlowScope/FlowScopeConfig.cmake lib/cmake/FlowScope/FlowScopeTargets.cmake)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "the install lacks ${f}")
  endif()
endforeach()
# Only the install prefix: the build tree's own targets must not leak into the example.
run("configuring examples/" ${CMAKE_COMMAND} -S ${SOURCE}/examples -B ${WORK}/examples
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=Release)
run("building examples/" ${CMAKE_COMMAND} --build ${WORK}/examples -j2)
run("planar_u1" ${WORK}/examples/planar_u1 --steps 5000 --expect-kl-below 0.1)
if(NOT last_output MATCHES "\"kl\":[0-9.]+")
  message(FATAL_ERROR "planar_u1 printed no KL: ${last_output}")
endif()
message(STATUS "installed example: ${last_output}")
