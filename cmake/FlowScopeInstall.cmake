# `cmake --install <build> --prefix <dir>`: the core libraries, their headers under
# include/flowscope/, the CLI, and a FlowScope package others find with find_package(FlowScope)
# (examples/ is built that way in CI).
include(CMakePackageConfigHelpers)

get_property(flowscope_exported GLOBAL PROPERTY FLOWSCOPE_EXPORTED_TARGETS)
install(TARGETS ${flowscope_exported} EXPORT FlowScopeTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/flowscope)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/flowscope
  FILES_MATCHING PATTERN "*.h")
install(TARGETS flowscope-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(FLOWSCOPE_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/FlowScope)
install(EXPORT FlowScopeTargets NAMESPACE FlowScope:: DESTINATION ${FLOWSCOPE_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/FlowScopeConfig.cmake.in
  ${PROJECT_BINARY_DIR}/FlowScopeConfig.cmake INSTALL_DESTINATION ${FLOWSCOPE_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/FlowScopeConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/FlowScopeConfig.cmake ${PROJECT_BINARY_DIR}/FlowScopeConfigVersion.cmake
  DESTINATION ${FLOWSCOPE_CMAKE_DIR})
